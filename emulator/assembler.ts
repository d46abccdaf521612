/*
 * A two-pass 6502 assembler for cartridge sources, reading the one opcode table.
 *
 * Syntax (case-insensitive mnemonics, directives and registers; case-sensitive names):
 *   label:            a global label; `.name:` is local to the last global label
 *   NAME = expr       a constant (may be used before it is defined)
 *   LDA #expr  LDA expr  LDA expr,X  LDA (expr,X)  LDA (expr),Y  JMP (expr)  ASL A  ASL
 *   LDA.w expr        forces the absolute form where zero page would do (cycle counting)
 *   .org expr         the address of what follows (gaps in the image are filled with 0)
 *   .byte e, e, ...   .word e, ...   .fill count[, value]   .align n[, value]
 *   .assert expr[, "message"]      fails the assembly when expr is 0 (after both passes)
 * Expressions: decimal, $hex, %binary, 'c', names, `*` (this address), unary - ~ < (low
 * byte) > (high byte), binary * / % + - << >> & ^ | == != < <= > >= with C's precedence,
 * and parentheses. A label not yet defined in the first pass makes its instruction absolute
 * (constants are looked ahead, so a zero-page constant defined further down stays zero page).
 */
import { MNEMONICS, opcodeFor, type Mode } from './opcodes.js';

export class AsmError extends Error {
  override name = 'AsmError';
}

export interface AssembleResult {
  /** The image from the lowest to the highest address written. */
  bytes: Uint8Array;
  /** The address of bytes[0]. */
  origin: number;
  /** Every label and constant (local labels as `global.local`). */
  symbols: ReadonlyMap<string, number>;
}

type Value = number | undefined; // undefined: not known yet (first pass)

const PRECEDENCE: Record<string, number> = {
  '*': 10, '/': 10, '%': 10, '+': 9, '-': 9, '<<': 8, '>>': 8,
  '<': 7, '<=': 7, '>': 7, '>=': 7, '==': 6, '!=': 6, '&': 5, '^': 4, '|': 3,
};

/** Parses and evaluates one expression; `lookup` resolves names. */
class Expression {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly lookup: (name: string) => Value,
    private readonly here: number,
  ) {}

  evaluate(): Value {
    const v = this.binary(0);
    this.skip();
    if (this.i < this.text.length) throw new AsmError(`unexpected '${this.text.slice(this.i)}' in expression '${this.text}'`);
    return v;
  }

  private skip(): void {
    while (this.text[this.i] === ' ' || this.text[this.i] === '\t') this.i++;
  }

  private operator(): string | null {
    this.skip();
    const two = this.text.slice(this.i, this.i + 2);
    if (two in PRECEDENCE) return two;
    const one = this.text[this.i];
    return one !== undefined && one in PRECEDENCE ? one : null;
  }

  private binary(min: number): Value {
    let left = this.unary();
    for (;;) {
      const op = this.operator();
      if (op === null || PRECEDENCE[op] <= min) return left;
      this.i += op.length;
      const right = this.binary(PRECEDENCE[op]);
      left = left === undefined || right === undefined ? undefined : apply(op, left, right, this.text);
    }
  }

  private unary(): Value {
    this.skip();
    const c = this.text[this.i];
    if (c === '-' || c === '~' || c === '<' || c === '>') {
      this.i++;
      const v = this.unary();
      if (v === undefined) return undefined;
      return c === '-' ? -v : c === '~' ? ~v : c === '<' ? v & 0xff : (v >> 8) & 0xff;
    }
    if (c === '(') {
      this.i++;
      const v = this.binary(0);
      this.skip();
      if (this.text[this.i] !== ')') throw new AsmError(`missing ')' in expression '${this.text}'`);
      this.i++;
      return v;
    }
    return this.atom();
  }

  private atom(): Value {
    const rest = this.text.slice(this.i);
    let m: RegExpExecArray | null;
    if ((m = /^\$([0-9a-fA-F]+)/.exec(rest))) {
      this.i += m[0].length;
      return parseInt(m[1], 16);
    }
    if ((m = /^%([01]+)/.exec(rest))) {
      this.i += m[0].length;
      return parseInt(m[1], 2);
    }
    if ((m = /^[0-9]+/.exec(rest))) {
      this.i += m[0].length;
      return parseInt(m[0], 10);
    }
    if ((m = /^'(.)'/.exec(rest))) {
      this.i += m[0].length;
      return m[1].charCodeAt(0);
    }
    if ((m = /^\.?[A-Za-z_][A-Za-z0-9_]*/.exec(rest))) {
      this.i += m[0].length;
      return this.lookup(m[0]);
    }
    if (rest[0] === '*') {
      this.i++;
      return this.here;
    }
    throw new AsmError(rest === '' ? `expression '${this.text}' ends too soon` : `cannot read '${rest}' in expression '${this.text}'`);
  }
}

function apply(op: string, a: number, b: number, text: string): number {
  switch (op) {
    case '*': return a * b;
    case '/': case '%':
      if (b === 0) throw new AsmError(`division by zero in '${text}'`);
      return op === '/' ? Math.trunc(a / b) : a % b;
    case '+': return a + b;
    case '-': return a - b;
    case '<<': return a << b;
    case '>>': return a >> b;
    case '<': return a < b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    case '==': return a === b ? 1 : 0;
    case '!=': return a !== b ? 1 : 0;
    case '&': return a & b;
    case '^': return a ^ b;
    default: return a | b;
  }
}

/** Splits on commas outside quotes and parentheses. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0, quote = false, start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || (c === "'" && text[i + 2] === "'")) {
      if (c === "'") i += 2;
      else quote = !quote;
    } else if (!quote && c === '(') depth++;
    else if (!quote && c === ')') depth--;
    else if (!quote && depth === 0 && c === ',') {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}

/** Removes a `;` comment, leaving semicolons inside quotes. */
function stripComment(line: string): string {
  let quote = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quote = !quote;
    else if (c === "'" && line[i + 2] === "'") i += 2;
    else if (c === ';' && !quote) return line.slice(0, i);
  }
  return line;
}

/** The operand's addressing-mode syntax and its expression. */
function operandSyntax(operand: string): { kind: 'none' | 'acc' | 'imm' | 'plain' | 'x' | 'y' | 'ind' | 'indx' | 'indy'; expr: string } {
  const o = operand.trim();
  if (o === '') return { kind: 'none', expr: '' };
  if (/^a$/i.test(o)) return { kind: 'acc', expr: '' };
  if (o.startsWith('#')) return { kind: 'imm', expr: o.slice(1) };
  let m: RegExpExecArray | null;
  if ((m = /^\((.*),\s*x\s*\)$/i.exec(o))) return { kind: 'indx', expr: m[1] };
  if ((m = /^\((.*)\)\s*,\s*y$/i.exec(o))) return { kind: 'indy', expr: m[1] };
  if ((m = /^(.*),\s*x$/i.exec(o))) return { kind: 'x', expr: m[1] };
  if ((m = /^(.*),\s*y$/i.exec(o))) return { kind: 'y', expr: m[1] };
  if (/^\(.*\)$/.test(o) && balanced(o.slice(1, -1))) return { kind: 'ind', expr: o.slice(1, -1) };
  return { kind: 'plain', expr: o };
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}

interface Line {
  readonly number: number;
  readonly label: string | null;
  readonly op: string | null; // mnemonic or directive, upper case; null for a bare label
  readonly wide: boolean; // `.w` suffix
  readonly operand: string;
}

function parseLines(source: string): Line[] {
  const lines: Line[] = [];
  source.split(/\r?\n/).forEach((raw, index) => {
    const number = index + 1;
    let text = stripComment(raw).trim();
    if (text === '') return;
    const constant = /^(\.?[A-Za-z_][A-Za-z0-9_]*)\s*(?:=|\s[Ee][Qq][Uu]\s)\s*(.+)$/.exec(text);
    if (constant) {
      lines.push({ number, label: constant[1], op: '=', wide: false, operand: constant[2] });
      return;
    }
    let label: string | null = null;
    const lm = /^(\.?[A-Za-z_][A-Za-z0-9_]*):/.exec(text);
    if (lm) {
      label = lm[1];
      text = text.slice(lm[0].length).trim();
    }
    if (text === '') {
      lines.push({ number, label, op: null, wide: false, operand: '' });
      return;
    }
    const om = /^(\.?[A-Za-z]+)(\.[wW])?(?:\s+(.*))?$/.exec(text);
    if (!om) throw new AsmError(`line ${number}: cannot read '${text}'`);
    lines.push({ number, label, op: om[1].toUpperCase(), wide: om[2] !== undefined, operand: (om[3] ?? '').trim() });
  });
  return lines;
}

const INDEXED: Record<string, [Mode, Mode]> = { plain: ['zp', 'abs'], x: ['zpx', 'absx'], y: ['zpy', 'absy'] };

/** Assembles `source`; throws AsmError naming the line of the first mistake. */
export function assemble(source: string): AssembleResult {
  const lines = parseLines(source);
  const symbols = new Map<string, number>();
  const constants = new Map<string, string>(); // name -> expression text, for the first pass's forward uses
  // The first pass's size decisions (by line number), so the second lays out the same addresses.
  const wideChoice = new Map<number, boolean>();
  let image = new Map<number, number>();
  const asserts: { line: number; expr: string; message: string; scope: string; here: number }[] = [];

  for (let pass = 1; pass <= 2; pass++) {
    let pc = 0;
    let scope = '';
    image = new Map();
    const qualify = (name: string, sc: string): string => (name.startsWith('.') ? sc + name : name);
    const lookupIn = (sc: string, here: number) => (name: string): Value => {
      const key = qualify(name, sc);
      const v = symbols.get(key);
      if (v !== undefined) return v;
      if (pass === 2) throw new AsmError(`'${name}' is not defined`);
      const text = constants.get(key);
      if (text !== undefined) {
        constants.delete(key); // a cycle of constants stays undefined instead of recursing
        try {
          return new Expression(text, lookupIn(sc, here), here).evaluate();
        } finally {
          constants.set(key, text);
        }
      }
      return undefined;
    };
    const evalAt = (expr: string, here: number): Value => new Expression(expr, lookupIn(scope, here), here).evaluate();
    const need = (expr: string, what: string): number => {
      const v = evalAt(expr, pc);
      if (v === undefined) throw new AsmError(`${what} must be known where it is written ('${expr}')`);
      return v;
    };
    const emit = (byte: number): void => {
      if (pc > 0xffff) throw new AsmError('the code runs past $FFFF');
      if (image.has(pc)) throw new AsmError(`address $${pc.toString(16).toUpperCase()} is written twice`);
      image.set(pc++, byte & 0xff);
    };
    const byteOf = (v: Value, expr: string): number => {
      if (v === undefined) return 0;
      if (v < -128 || v > 255) throw new AsmError(`'${expr}' is ${v}: does not fit in a byte`);
      return v & 0xff;
    };
    const define = (name: string, value: number, constant = false): void => {
      const key = qualify(name, scope);
      const old = symbols.get(key);
      if (pass === 1 && old !== undefined) throw new AsmError(`'${name}' is defined twice`);
      // A constant the first pass could not evaluate is first defined in the second.
      if (pass === 2 && old !== value && !(constant && old === undefined)) throw new AsmError(`'${name}' moved between passes (${old} then ${value})`);
      symbols.set(key, value);
    };

    if (pass === 1) for (const l of lines) if (l.op === '=') constants.set(qualify(l.label!, ''), l.operand);
    for (const line of lines) {
      try {
        if (line.op === '=') {
          const v = evalAt(line.operand, pc);
          if (v !== undefined || pass === 2) define(line.label!, need(line.operand, 'a constant'), true);
          continue;
        }
        if (line.label !== null) {
          if (!line.label.startsWith('.')) scope = line.label;
          define(line.label, pc);
        }
        if (line.op === null) continue;
        const op = line.op;
        if (op.startsWith('.')) {
          const args = line.operand === '' ? [] : splitArgs(line.operand);
          switch (op) {
            case '.ORG':
              pc = need(line.operand, '.org');
              if (pc < 0 || pc > 0xffff) throw new AsmError(`.org $${pc.toString(16)} is outside $0000-$FFFF`);
              break;
            case '.BYTE':
              for (const a of args) {
                if (/^".*"$/.test(a)) for (const ch of a.slice(1, -1)) emit(ch.charCodeAt(0));
                else emit(byteOf(evalAt(a, pc), a));
              }
              break;
            case '.WORD':
              for (const a of args) {
                const v = evalAt(a, pc) ?? 0;
                emit(v & 0xff);
                emit((v >> 8) & 0xff);
              }
              break;
            case '.FILL': {
              const n = need(args[0] ?? '', '.fill count');
              const v = args[1] === undefined ? 0 : byteOf(need(args[1], '.fill value'), args[1]);
              if (n < 0) throw new AsmError(`.fill count is negative (${n})`);
              for (let k = 0; k < n; k++) emit(v);
              break;
            }
            case '.ALIGN': {
              const n = need(args[0] ?? '', '.align');
              const v = args[1] === undefined ? 0 : byteOf(need(args[1], '.align value'), args[1]);
              if (n < 1) throw new AsmError(`.align needs a positive size (got ${n})`);
              while (pc % n !== 0) emit(v);
              break;
            }
            case '.ASSERT':
              if (pass === 2) {
                const message = args[1] !== undefined ? args[1].replace(/^"|"$/g, '') : `assertion '${args[0]}' failed`;
                asserts.push({ line: line.number, expr: args[0] ?? '', message, scope, here: pc });
              }
              break;
            default:
              throw new AsmError(`unknown directive ${op}`);
          }
          continue;
        }
        if (!MNEMONICS.has(op)) throw new AsmError(`unknown instruction '${op}'`);
        const syntax = operandSyntax(line.operand);
        const here = pc;
        const find = (mode: Mode) => opcodeFor(op, mode);
        switch (syntax.kind) {
          case 'none': {
            const code = find('imp') ?? find('acc');
            if (!code) throw new AsmError(`${op} needs an operand`);
            emit(code.opcode);
            break;
          }
          case 'acc': {
            const code = find('acc');
            if (!code) throw new AsmError(`${op} has no accumulator form`);
            emit(code.opcode);
            break;
          }
          case 'imm': {
            const code = find('imm');
            if (!code) throw new AsmError(`${op} has no immediate form`);
            emit(code.opcode);
            emit(byteOf(evalAt(syntax.expr, here), syntax.expr));
            break;
          }
          case 'indx': case 'indy': {
            const code = find(syntax.kind);
            if (!code) throw new AsmError(`${op} has no (${syntax.kind === 'indx' ? 'zp,X' : 'zp),Y'} form`);
            const v = evalAt(syntax.expr, here);
            if (v !== undefined && (v < 0 || v > 255)) throw new AsmError(`the pointer '${syntax.expr}' must be on page zero (got $${v.toString(16)})`);
            emit(code.opcode);
            emit(v ?? 0);
            break;
          }
          case 'ind': {
            const code = find('ind');
            if (!code) throw new AsmError(`${op} has no indirect form`);
            const v = evalAt(syntax.expr, here) ?? 0;
            emit(code.opcode);
            emit(v & 0xff);
            emit((v >> 8) & 0xff);
            break;
          }
          default: {
            const rel = find('rel');
            if (rel && syntax.kind === 'plain') {
              const target = evalAt(syntax.expr, here);
              emit(rel.opcode);
              if (target === undefined) emit(0);
              else {
                const offset = target - (here + 2);
                if (offset < -128 || offset > 127) throw new AsmError(`branch to '${syntax.expr}' is ${offset} bytes away (at most -128..127)`);
                emit(offset & 0xff);
              }
              break;
            }
            const [zpMode, absMode] = INDEXED[syntax.kind];
            const v = evalAt(syntax.expr, here);
            let wide = wideChoice.get(line.number);
            if (wide === undefined) {
              wide = line.wide || v === undefined || v < 0 || v > 255 || find(zpMode) === undefined;
              wideChoice.set(line.number, wide);
            }
            const code = find(wide ? absMode : zpMode);
            if (!code) throw new AsmError(`${op} has no ${syntax.kind === 'plain' ? 'absolute' : `indexed ,${syntax.kind.toUpperCase()}`} form`);
            if (v !== undefined && (v < 0 || v > 0xffff)) throw new AsmError(`address '${syntax.expr}' is outside $0000-$FFFF (got ${v})`);
            emit(code.opcode);
            emit((v ?? 0) & 0xff);
            if (wide) emit(((v ?? 0) >> 8) & 0xff);
          }
        }
      } catch (e) {
        if (e instanceof AsmError && !/^line \d+:/.test(e.message)) throw new AsmError(`line ${line.number}: ${e.message}`);
        throw e;
      }
    }
  }

  for (const a of asserts) {
    const lookup = (name: string): Value => {
      const v = symbols.get(name.startsWith('.') ? a.scope + name : name);
      if (v === undefined) throw new AsmError(`line ${a.line}: '${name}' is not defined`);
      return v;
    };
    if (new Expression(a.expr, lookup, a.here).evaluate() === 0) throw new AsmError(`line ${a.line}: ${a.message}`);
  }

  if (image.size === 0) throw new AsmError('the source produces no bytes');
  const addresses = [...image.keys()];
  const origin = Math.min(...addresses);
  const end = Math.max(...addresses);
  const bytes = new Uint8Array(end - origin + 1);
  for (const [address, byte] of image) bytes[address - origin] = byte;
  return { bytes, origin, symbols };
}
