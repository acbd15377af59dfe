//go:build amd64 && !purego

#include "textflag.h"

// func seluRow4Asm(y, b *float32, n int, c *[17]float64)
//
// For each j < n: z = y[j] + b[j] (float32), then in float64
//	y[j] = λz                                  if z > 0 or z is NaN,
//	y[j] = λα·(s·p + (s − 1))                  otherwise,
// with x = max(min(z, 0), −40), k = floor(x·log2e + 0.5),
// q = (x − k·ln2hi) − k·ln2lo, p = q·(1 + q·(1/2 + … + q/10!)) by Horner,
// s = 2ᵏ: the operations of seluBias32, one by one (no FMA), so the results
// are bitwise the same. c holds λ, λα, log2e, 0.5, ln2hi, ln2lo, −40,
// 1/10!, 1/9!, …, 1/2!, 1 (seluConsts).
TEXT ·seluRow4Asm(SB), NOSPLIT, $0-32
	MOVQ y+0(FP), DI
	MOVQ b+8(FP), SI
	MOVQ n+16(FP), CX
	MOVQ c+24(FP), AX
	VBROADCASTSD 0(AX), Y15   // λ
	VBROADCASTSD 8(AX), Y14   // λα
	VBROADCASTSD 16(AX), Y13  // log2e
	VBROADCASTSD 24(AX), Y12  // 0.5
	VBROADCASTSD 32(AX), Y11  // ln2hi
	VBROADCASTSD 40(AX), Y10  // ln2lo
	VBROADCASTSD 48(AX), Y9   // −40
	VBROADCASTSD 128(AX), Y8  // 1
	VXORPD Y7, Y7, Y7         // 0
	MOVQ $1023, BX
	MOVQ BX, X6
	VPBROADCASTQ X6, Y6       // 1023
	XORQ DX, DX
loop:
	VMOVUPS (DI)(DX*4), X0
	VADDPS (SI)(DX*4), X0, X0 // z = y + b in float32
	VCVTPS2PD X0, Y0          // z in float64
	VMULPD Y15, Y0, Y1        // λz
	VCMPPD $6, Y7, Y0, Y2     // mask: z > 0 or unordered (NLE_UQ)
	VMINPD Y7, Y0, Y3         // min(z, 0)
	VMAXPD Y9, Y3, Y3         // x = max(·, −40)
	VMULPD Y13, Y3, Y4
	VADDPD Y12, Y4, Y4
	VROUNDPD $1, Y4, Y4       // k = floor(x·log2e + 0.5)
	VMULPD Y11, Y4, Y5
	VSUBPD Y5, Y3, Y3         // x − k·ln2hi
	VMULPD Y10, Y4, Y5
	VSUBPD Y5, Y3, Y3         // q
	VBROADCASTSD 56(AX), Y5   // 1/10!
	VMULPD Y3, Y5, Y5         // p = q/10!
	VBROADCASTSD 64(AX), Y0
	VADDPD Y0, Y5, Y5
	VMULPD Y3, Y5, Y5
	VBROADCASTSD 72(AX), Y0
	VADDPD Y0, Y5, Y5
	VMULPD Y3, Y5, Y5
	VBROADCASTSD 80(AX), Y0
	VADDPD Y0, Y5, Y5
	VMULPD Y3, Y5, Y5
	VBROADCASTSD 88(AX), Y0
	VADDPD Y0, Y5, Y5
	VMULPD Y3, Y5, Y5
	VBROADCASTSD 96(AX), Y0
	VADDPD Y0, Y5, Y5
	VMULPD Y3, Y5, Y5
	VBROADCASTSD 104(AX), Y0
	VADDPD Y0, Y5, Y5
	VMULPD Y3, Y5, Y5
	VBROADCASTSD 112(AX), Y0
	VADDPD Y0, Y5, Y5
	VMULPD Y3, Y5, Y5
	VBROADCASTSD 120(AX), Y0
	VADDPD Y0, Y5, Y5
	VMULPD Y3, Y5, Y5
	VADDPD Y8, Y5, Y5
	VMULPD Y3, Y5, Y5         // p
	VCVTTPD2DQY Y4, X4        // k as int32
	VPMOVSXDQ X4, Y4
	VPADDQ Y6, Y4, Y4
	VPSLLQ $52, Y4, Y4        // s = 2ᵏ
	VMULPD Y5, Y4, Y5         // s·p
	VSUBPD Y8, Y4, Y4         // s − 1
	VADDPD Y4, Y5, Y5
	VMULPD Y14, Y5, Y5        // λα·(s·p + (s − 1))
	VBLENDVPD Y2, Y1, Y5, Y5  // λz where the mask is set
	VCVTPD2PSY Y5, X5
	VMOVUPS X5, (DI)(DX*4)
	ADDQ $4, DX
	CMPQ DX, CX
	JLT loop
	VZEROUPPER
	RET

// func seluBackRow4Asm(d, y *float32, n int, lam float32, la float64)
//
// For each j < n: d[j] *= λ (as float32) if y[j] > 0, else d[j] *=
// float32(float64(y[j]) + λα): seluBack32's operations, bitwise.
TEXT ·seluBackRow4Asm(SB), NOSPLIT, $0-40
	MOVQ d+0(FP), DI
	MOVQ y+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSS lam+24(FP), X15 // λ in float32
	VBROADCASTSD la+32(FP), Y14  // λα
	VXORPS X13, X13, X13         // 0
	XORQ DX, DX
bloop:
	VMOVUPS (SI)(DX*4), X0
	VCVTPS2PD X0, Y1
	VADDPD Y14, Y1, Y1
	VCVTPD2PSY Y1, X1             // float32(y + λα)
	VCMPPS $0x1e, X13, X0, X2     // y > 0 (GT_OQ: false for NaN)
	VBLENDVPS X2, X15, X1, X1     // λ where y > 0
	VMULPS (DI)(DX*4), X1, X1
	VMOVUPS X1, (DI)(DX*4)
	ADDQ $4, DX
	CMPQ DX, CX
	JLT bloop
	VZEROUPPER
	RET
