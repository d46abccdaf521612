; pong-train's built-in Pong: an original Atari 2600 game, written for this project.
; MIT licence, like the rest of pong-train. Assembled by emulator/assembler.ts.
;
; The computer (orange) plays the left paddle, the player (green) the right one; the
; first to 21 points wins. Game 1: one player against the computer; game 2: two
; players, the second on the left paddle. SELECT changes the game, RESET starts it.
; The left difficulty switch sets the computer's strength: B (amateur) is the default and
; plays about as well as Atari's Pong, misjudging shots off the edges of the player's
; paddle; A (pro) moves a row a frame faster and never misjudges.
;
; Controllers: paddles. The player's paddle is port 0 (INPT0), the second player's
; port 1 (INPT1). A paddle's position is the scanline its pot finishes charging on:
; the pots are grounded while VBLANK bit 7 is set and start charging when the picture
; starts, and the kernel notes the last line each port still reads low.
;
; The screen, as ALE shows it (210 rows from the 34th line after VSYNC):
;   rows   5-19   the scores, the computer's in orange on the left, the player's in green
;   rows  25-34   the top wall (white, x 16-143)
;   rows  35-194  the court: paddles 4x16 pixels at x 16 and x 140, the ball 2x4
;   rows 195-204  the bottom wall
; Background $22 (red level 144), so Karpathy's preprocessing (rows 35-194, red level
; 144 erased) sees exactly the paddles and the ball.
;
; RAM: the scores sit where Atari's Pong keeps them ($8D computer, $8E player).

; ---- TIA, RIOT
VSYNC   = $00
VBLANK  = $01
WSYNC   = $02
COLUP0  = $06
COLUP1  = $07
COLUPF  = $08
COLUBK  = $09
CTRLPF  = $0A
PF0     = $0D
PF1     = $0E
PF2     = $0F
RESP0   = $10
RESBL   = $14
GRP0    = $1B
GRP1    = $1C
ENABL   = $1F
HMP0    = $20
HMOVE   = $2A
HMCLR   = $2B
INPT0   = $08
INPT1   = $09
SWCHB   = $0282
INTIM   = $0284
TIM64T  = $0296

; ---- colours and shapes
BG_COLOUR    = $22      ; red level 144: erased by the agent's preprocessing
LEFT_COLOUR  = $38      ; the computer: orange
RIGHT_COLOUR = $C8      ; the player: green
WHITE        = $0E      ; walls and ball
LEFT_X       = 16       ; the paddles' left pixel columns
RIGHT_X      = 140
PADDLE_H     = 16
BALL_H       = 4
COURT_H      = 160
PADDLE_MAX   = COURT_H - PADDLE_H   ; a paddle's lowest top row
BALL_MAX     = COURT_H - BALL_H     ; the ball's lowest top row
WIN          = 21
SERVE_DELAY  = 60       ; frames between a point and the next serve
SERVE_Y      = 40       ; the serve's row, and where the computer meets it (7: centre)
SERVE_AIM    = 10

; ---- RAM
frame    = $80          ; frame counter
rng      = $81          ; 8-bit Galois LFSR, never 0
ballX    = $82          ; left pixel column, 0-159
ballY    = $83          ; top court row, 0-156
ballVX   = $84          ; pixels per frame, signed
ballVY   = $85          ; rows per frame, signed
leftY    = $86          ; paddles' top court rows, 0-144
rightY   = $87
pot0     = $88          ; last kernel line (Y) on which each pot still read low
pot1     = $89
state    = $8A          ; 0 idle (before RESET), 1 playing, 2 game over
serve    = $8B          ; frames until the serve; 0 while the ball is in play
game     = $8C          ; 0 one player, 1 two players
scoreL   = $8D          ; the computer's (or second player's) points
scoreR   = $8E          ; the player's points
aim      = $8F          ; where the computer meets the ball: 7 its paddle's centre, 16 and up beside it
leftPtr  = $90          ; (ptr),Y pointers into the kernel's tables
rightPtr = $92
ballPtr  = $94
leftPF   = $96          ; PF1 for the 5 rows of each score
rightPF  = $9B
temp     = $A0
tensAt   = $A1
onesAt   = $A2
rows     = $A3          ; ScorePF's row count; the computer's speed in Computer
select   = $A4          ; SELECT held last frame
rally    = $A5          ; returns since the serve

        .org $F800

Start:  sei
        cld
        ldx #0
        txa
.clear: sta $00,x               ; TIA registers and RAM
        dex
        bne .clear
        dex
        txs                     ; stack at $FF
        lda #$A5
        sta rng
        lda #BALL_MAX / 2
        sta ballY
        lda #PADDLE_MAX / 2
        sta leftY
        sta rightY

; ---------------------------------------------------------------- the frame
Frame:  lda #2
        sta WSYNC
        sta VSYNC
        sta WSYNC
        sta WSYNC
        sta WSYNC
        lda #0
        sta VSYNC               ; ALE's frame ends here
        lda #40
        sta TIM64T              ; 34 lines of vertical blank

        ; objects' columns: a position routine call each, then one HMOVE
        lda #LEFT_X
        ldx #0
        jsr SetX
        lda #RIGHT_X
        ldx #1
        jsr SetX
        lda ballX
        ldx #4
        jsr SetX
        sta WSYNC
        sta HMOVE

        lda #BG_COLOUR
        sta COLUBK
        lda #LEFT_COLOUR
        sta COLUP0
        lda #RIGHT_COLOUR
        sta COLUP1
        lda #WHITE
        sta COLUPF
        lda #$12                ; ball 2 pixels wide; score colours for the playfield
        sta CTRLPF
        lda #0
        sta PF0
        sta PF1
        sta PF2
        sta GRP0
        sta GRP1
        sta ENABL
        sta HMCLR
        lda #$FF
        sta pot0
        sta pot1

        ; table pointers: see the kernel
        lda leftY
        ldx #leftPtr
        ldy #<PaddleTable + 15
        jsr Pointer
        lda rightY
        ldx #rightPtr
        ldy #<PaddleTable + 15
        jsr Pointer
        lda ballY
        ldx serve
        bne .hide
        ldx state
        cpx #1
        beq .shown
.hide:  lda #164 - 3            ; past the ball's bytes: nothing drawn
.shown: ldx #ballPtr
        ldy #<BallTable + 3
        jsr Pointer

        ; the scores' playfield bytes (game number alone while idle)
        lda state
        bne .scores
        ldx game
        inx
        txa
        ldx #0
        jsr ScorePF
        lda #$FF                ; blank
        ldx #5
        jsr ScorePF
        jmp .vwait
.scores:
        lda scoreL
        ldx #0
        jsr ScorePF
        lda scoreR
        ldx #5
        jsr ScorePF

.vwait: lda INTIM
        bne .vwait

; ---------------------------------------------------------------- the kernel
        sta WSYNC               ; row 0
        lda #0
        sta VBLANK              ; picture on; the pots start charging
        ldy #4
.top:   sta WSYNC               ; rows 1-4
        dey
        bne .top

        ldx #0                  ; rows 5-19: 5 rows of digits, 3 lines each
.digit: ldy #3
.dline: sta WSYNC
        lda leftPF,x            ; 4
        sta PF1                 ; 7: before the left half's PF1 (cycle 28)
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop
        nop                     ; 37
        lda rightPF,x           ; 41
        sta PF1                 ; 44: between the two halves' PF1 (cycles 39-54)
        dey
        bne .dline
        inx
        cpx #5
        bne .digit

        ldy #5                  ; rows 20-24: blank
.gap:   sta WSYNC
        lda #0
        sta PF1
        lda #$11                ; ball 2 pixels, playfield reflected, in its own colour
        sta CTRLPF
        dey
        bne .gap

        ; rows 25-33: the top wall; the paddles' pots are watched from here on.
        ; Y counts down the lines: 170 on row 25, 1 on row 194.
        ldy #170
.wall:  sta WSYNC
        lda #$FF
        sta PF1
        sta PF2
        bit INPT0
        bmi .w0
        sty pot0
.w0:    bit INPT1
        bmi .w1
        sty pot1
.w1:    dey
        cpy #161
        bne .wall

        ; row 34: the wall's last line, cleared after the beam has drawn it
        sta WSYNC
        dey                     ; 2: Y = 160
        lda #0                  ; 4
        ldx #11                 ; 6
.late:  dex
        bne .late               ; 60
        sta PF2                 ; 63: after the right half's PF2 (pixel 111)
        nop
        nop
        nop                     ; 69
        sta PF1                 ; 72: after the right half's PF1 (pixel 143); WSYNC at 75

        ; rows 35-194: the court. Each table holds zeros around the object's bytes;
        ; a pointer is set so that (ptr),Y reaches them on the object's lines.
.court: sta WSYNC
        lda (ballPtr),y         ; 5-6
        sta ENABL               ; 9
        lda (leftPtr),y
        sta GRP0                ; 18: before the left paddle (cycle 28)
        lda (rightPtr),y
        sta GRP1                ; 27
        bit INPT0
        bmi .c0
        sty pot0
.c0:    bit INPT1
        bmi .c1
        sty pot1
.c1:    dey
        bne .court

        ldy #10                 ; rows 195-204: the bottom wall
.floor: sta WSYNC
        lda #0
        sta ENABL
        sta GRP0
        sta GRP1
        lda #$FF
        sta PF1
        sta PF2
        dey
        bne .floor

        ldy #5                  ; rows 205-209
.end:   sta WSYNC
        lda #0
        sta PF1
        sta PF2
        dey
        bne .end

; ---------------------------------------------------------------- overscan
        sta WSYNC
        lda #$82
        sta VBLANK              ; picture off; ground the pots
        lda #17
        sta TIM64T

        jsr Switches
        lda pot0
        jsr PotRow
        sta rightY
        lda game
        beq .cpu
        lda pot1
        jsr PotRow
        sta leftY
        jmp .play
.cpu:   jsr Computer
.play:  lda state
        cmp #1
        bne .rand
        lda serve
        beq .moving
        dec serve
        bne .rand
        jsr Serve
        jmp .rand
.moving:
        jsr MoveBall
.rand:  jsr Random
        inc frame

.owait: lda INTIM
        bne .owait
        jmp Frame

; ---------------------------------------------------------------- subroutines

; SetX: places object X (0 P0, 1 P1, 4 ball) at pixel column A. One scanline: the
; coarse position is where RESP lands (15 pixels per 5-cycle loop), the fine one
; the HMOVE value from what is left.
SetX:   clc
        adc PosOffset,x
        cmp #160
        bcc .inside
        sbc #96                 ; wrapped below 0: + 160
.inside:
        sta WSYNC
        sec
.div:   sbc #15
        bcs .div
        eor #7
        asl
        asl
        asl
        asl
        sta HMP0,x
        sta RESP0,x
        rts

; Pointer: ($00,X) = Y + A + page of the tables (the tables start on a page).
Pointer:
        sty temp
        clc
        adc temp
        sta $00,x
        lda #>PaddleTable
        adc #0
        sta $01,x
        rts

; ScorePF: the 5 PF1 bytes of the number A (0-99; $FF: blank) into leftPF + X.
ScorePF:
        ldy #0
        cmp #$FF
        bne .tens
        lda #10 * 5             ; the blank glyph's offset
        sta onesAt
        sta tensAt
        bne .rows
.tens:  cmp #10
        bcc .split
        sbc #10
        iny
        bne .tens
.split: sta temp                ; ones
        asl
        asl
        adc temp
        sta onesAt
        tya
        bne .two
        lda #10                 ; no leading zero
.two:   sta temp
        asl
        asl
        adc temp
        sta tensAt
.rows:  lda #5
        sta rows
.row:   ldy tensAt
        lda Digits,y
        and #$F0
        sta temp
        ldy onesAt
        lda Digits,y
        and #$0F
        ora temp
        sta leftPF,x
        inc tensAt
        inc onesAt
        inx
        dec rows
        bne .row
        rts

; PotRow: a paddle's top row from its pot (the last line Y it read low): 166 - Y,
; within 0..PADDLE_MAX. A pot that charged before the watch began reads $FF.
PotRow: cmp #166
        bcs .top0
        cmp #166 - PADDLE_MAX
        bcc .bottom
        eor #$FF
        sec
        adc #166
        rts
.top0:  lda #0
        rts
.bottom:
        lda #PADDLE_MAX
        rts

; Switches: RESET starts a game (scores 0, serve soon); SELECT changes the game.
Switches:
        lda SWCHB
        lsr                     ; C = RESET not pressed
        bcs .noreset
        lda #0
        sta scoreL
        sta scoreR
        lda #1
        sta state
        lda #SERVE_DELAY
        sta serve
        rts
.noreset:
        lsr                     ; C = SELECT not pressed
        lda #0
        rol
        eor #1                  ; 1 = pressed
        tax
        cmp select
        stx select
        beq .same
        txa
        beq .same               ; released
        lda game
        eor #1
        sta game
        lda #0
        sta state
        sta scoreL
        sta scoreR
.same:  rts

; Serve: the ball from the middle toward the computer, always the same way (as Atari's
; Pong serves), so that a point starts the same until the player's paddle changes it.
Serve:  lda #0
        sta rally
        lda #78
        sta ballX
        lda #SERVE_Y
        sta ballY
        lda #1
        sta ballVY
        lda #$FF
        sta ballVX
        lda #SERVE_AIM
        sta aim
        rts

; MoveBall: one frame of flight, the walls, the paddles and the points.
MoveBall:
        lda ballVY
        bmi .up
        clc
        adc ballY
        cmp #BALL_MAX + 1
        bcc .sety
        eor #$FF                ; bounced off the bottom: 2 * BALL_MAX - y
        clc
        adc #2 * BALL_MAX - 255
        jmp .flipy
.up:    clc
        adc ballY
        bcs .sety
        eor #$FF                ; bounced off the top: -y
        clc
        adc #1
.flipy: tax
        lda ballVY
        eor #$FF
        clc
        adc #1
        sta ballVY
        txa
.sety:  sta ballY

        lda ballVX
        bmi .left
        clc
        adc ballX
        sta ballX
        cmp #158
        bcs .pointL             ; past the right edge: the computer's point
        cmp #RIGHT_X - 1
        bcc .done
        cmp #RIGHT_X + 4
        bcs .done
        lda rightY
        jsr Contact
        bcs .done
        lda #RIGHT_X - 2
        sta ballX
        jsr Speed
        eor #$FF
        clc
        adc #1
        sta ballVX
        lda AimFor,x            ; where the computer means to meet the return
        bit SWCHB               ; difficulty A (pro): never beside it
        bvc .aim
        cmp #16
        bcc .aim
        lda #7
.aim:   sta aim
.done:  rts

.left:  clc
        adc ballX
        bcc .pointR             ; past the left edge: the player's point
        sta ballX
        cmp #LEFT_X + 4
        bcs .done
        cmp #LEFT_X - 1
        bcc .done
        lda leftY
        jsr Contact
        bcs .done
        lda #LEFT_X + 4
        sta ballX
        jsr Speed
        sta ballVX
        rts

.pointL:
        inc scoreL
        lda scoreL
        jmp .point
.pointR:
        inc scoreR
        lda scoreR
.point: cmp #WIN
        bne .again
        lda #2
        sta state               ; game over: the ball stays hidden
.again: lda #SERVE_DELAY
        sta serve
        rts

; Contact: does the ball meet the paddle whose top row is A? Carry clear if so, with
; X the ball's place along the paddle (0-18) and ballVY set from it.
Contact:
        sta temp
        lda ballY
        clc
        adc #BALL_H - 1
        sec
        sbc temp
        bcc .miss               ; the ball is above the paddle
        cmp #PADDLE_H + BALL_H - 1
        bcs .miss               ; below it
        tax
        lda BounceVY,x
        bne .slope
        lda rng                 ; dead centre: a random gentle slope
        and #2
        sbc #0                  ; carry clear here: 2 -> 1, 0 -> $FF
.slope: sta ballVY
        clc
        rts
.miss:  sec
        rts

; Speed: the ball's pace off a paddle, X its place along it: faster off the edges,
; and one pixel a frame faster once a rally is long.
Speed:  inc rally
        lda rally
        cmp #RALLY_FAST         ; carry set from the RALLY_FAST-th return on
        lda BounceVX,x
        adc #0
        rts

RALLY_FAST = 8

; Computer: the left paddle follows the ball while it comes, at a limited speed,
; toward where it means to meet it (aim); otherwise it drifts back to the middle.
Computer:
        lda ballVX
        bmi .chase
        lda #PADDLE_MAX / 2
        bne .target
.chase: lda ballX
        cmp #REACT_X
        bcs .still
        lda ballY
        clc
        adc aim
        sec
        sbc #13                 ; ball centre (y + 2) - paddle half (8) - 7 + aim
        bcs .low
        lda #0
.low:   cmp #PADDLE_MAX + 1
        bcc .target
        lda #PADDLE_MAX
.target:
        sta temp
        ldx #AI_SPEED_B
        lda frame
        and #3
        cmp #AI_EXTRA
        bcs .slow
        inx                     ; a row more on AI_EXTRA frames of every 4
.slow:  bit SWCHB               ; V = left difficulty switch (1: A, pro)
        bvc .speed
        inx
.speed: stx rows
        lda temp
        sec
        sbc leftY
        bcc .upward
        cmp rows
        bcc .reach
        lda leftY
        clc
        adc rows
        sta leftY
.still: rts
.upward:
        eor #$FF
        adc #1                  ; the distance up
        cmp rows
        bcc .reach
        lda leftY
        sbc rows
        sta leftY
        rts
.reach: lda temp
        sta leftY
        rts

REACT_X    = 120        ; the computer starts to move when the ball is left of this
AI_SPEED_B = 3          ; rows per frame, difficulty B (difficulty A adds a row),
AI_EXTRA   = 1          ; and one more on this many frames of every 4

; Random: one step of the 8-bit Galois LFSR (taps $B4); returns it in A.
Random: lda rng
        lsr
        bcc .nox
        eor #$B4
.nox:   sta rng
        rts

; ---------------------------------------------------------------- data

PosOffset:
        .byte -3, -3, 0, 0, -2  ; per-object corrections of SetX (P0, P1, M0, M1, ball)

; The ball's slope by where it meets a paddle (0: the ball's bottom row on the
; paddle's top row ... 18), 0 = a random gentle one; the edges also speed it up.
BounceVY:
        .byte -3, -3, -2, -2, -2, -1, -1, -1, -1, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3
BounceVX:
        .byte 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2
; Where the computer aims (7: its paddle's centre) for a return by where it left the
; player's paddle (0-18, as in BounceVY): a ball off the paddle's outer two rows it
; misjudges (17: just beside the ball), as a person might a steep fast shot.
AimFor: .byte 17, 17, 5, 5, 6, 6, 7, 7, 8, 7, 6, 7, 7, 8, 8, 9, 9, 17, 17

; 3x5 digits, each row in both nibbles (the high one is the tens, the low one the ones).
Digits: .byte $EE, $AA, $AA, $AA, $EE   ; 0
        .byte $44, $CC, $44, $44, $EE   ; 1
        .byte $EE, $22, $EE, $88, $EE   ; 2
        .byte $EE, $22, $66, $22, $EE   ; 3
        .byte $AA, $AA, $EE, $22, $22   ; 4
        .byte $EE, $88, $EE, $22, $EE   ; 5
        .byte $EE, $88, $EE, $AA, $EE   ; 6
        .byte $EE, $22, $44, $44, $44   ; 7
        .byte $EE, $AA, $EE, $AA, $EE   ; 8
        .byte $EE, $AA, $EE, $22, $EE   ; 9
        .byte 0, 0, 0, 0, 0             ; blank

; The kernel's tables: 160 zeros, a paddle's 16 lines of GRP bits, 160 zeros (which
; also lead the ball's table), the ball's 4 lines of ENABL, 165 zeros.
        .align 256
PaddleTable:
        .fill 160, 0
        .fill PADDLE_H, $F0
BallTable = PaddleTable + 160 + PADDLE_H
        .fill 160, 0
        .fill BALL_H, $02
        .fill 165, 0

        .org $FFFA
        .word Start, Start, Start
