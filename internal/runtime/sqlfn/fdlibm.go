package sqlfn

import "math"

// Java's StrictMath (which Spark's exp, ln, log10, log2, log and pow use)
// is fdlibm, bit for bit. Go's math package differs in the last bit for
// some inputs (math.Pow is a different algorithm, and Exp/Log have assembly
// versions), so these are ports of fdlibm 5.3 as the JDK has it
// (java.lang.FdLibm). Every product is wrapped in float64() so that the
// compiler never fuses it into an FMA, which Java does not do either.

func hi32(x float64) int32  { return int32(math.Float64bits(x) >> 32) }
func lo32(x float64) uint32 { return uint32(math.Float64bits(x)) }

func withHi(x float64, hi int32) float64 {
	return math.Float64frombits(uint64(uint32(hi))<<32 | uint64(lo32(x)))
}

func withLo(x float64, lo uint32) float64 {
	return math.Float64frombits(math.Float64bits(x)&^0xffffffff | uint64(lo))
}

func mul(a, b float64) float64 { return float64(a * b) }

// strictLog is StrictMath.log.
func strictLog(x float64) float64 {
	const (
		ln2Hi = 0x1.62e42feep-1
		ln2Lo = 0x1.a39ef35793c76p-33
		lg1   = 0x1.5555555555593p-1
		lg2   = 0x1.999999997fa04p-2
		lg3   = 0x1.2492494229359p-2
		lg4   = 0x1.c71c51d8e78afp-3
		lg5   = 0x1.7466496cb03dep-3
		lg6   = 0x1.39a09d078c69fp-3
		lg7   = 0x1.2f112df3e5244p-3
	)
	hx := hi32(x)
	lx := lo32(x)
	k := int32(0)
	if hx < 0x00100000 {
		if (hx&0x7fffffff)|int32(lx) == 0 {
			return math.Inf(-1)
		}
		if hx < 0 {
			return math.NaN()
		}
		k -= 54
		x = mul(x, 0x1p54)
		hx = hi32(x)
	}
	if hx >= 0x7ff00000 {
		return x + x
	}
	k += (hx >> 20) - 1023
	hx &= 0x000fffff
	i := (hx + 0x95f64) & 0x100000
	x = withHi(x, hx|(i^0x3ff00000))
	k += i >> 20
	f := x - 1.0
	if (0x000fffff & (2 + hx)) < 3 {
		if f == 0 {
			if k == 0 {
				return 0
			}
			dk := float64(k)
			return mul(dk, ln2Hi) + mul(dk, ln2Lo)
		}
		R := mul(mul(f, f), 0.5-mul(0.33333333333333333, f))
		if k == 0 {
			return f - R
		}
		dk := float64(k)
		return mul(dk, ln2Hi) - ((R - mul(dk, ln2Lo)) - f)
	}
	s := f / (2.0 + f)
	dk := float64(k)
	z := mul(s, s)
	i = hx - 0x6147a
	w := mul(z, z)
	j := 0x6b851 - hx
	t1 := mul(w, lg2+mul(w, lg4+mul(w, lg6)))
	t2 := mul(z, lg1+mul(w, lg3+mul(w, lg5+mul(w, lg7))))
	i |= j
	R := t2 + t1
	if i > 0 {
		hfsq := mul(mul(0.5, f), f)
		if k == 0 {
			return f - (hfsq - mul(s, hfsq+R))
		}
		return mul(dk, ln2Hi) - ((hfsq - (mul(s, hfsq+R) + mul(dk, ln2Lo))) - f)
	}
	if k == 0 {
		return f - mul(s, f-R)
	}
	return mul(dk, ln2Hi) - ((mul(s, f-R) - mul(dk, ln2Lo)) - f)
}

// strictLog10 is StrictMath.log10.
func strictLog10(x float64) float64 {
	const (
		ivln10   = 0x1.bcb7b1526e50ep-2
		log102Hi = 0x1.34413509f6p-2
		log102Lo = 0x1.9fef311f12b36p-42
	)
	hx := hi32(x)
	lx := lo32(x)
	k := int32(0)
	if hx < 0x00100000 {
		if (hx&0x7fffffff)|int32(lx) == 0 {
			return math.Inf(-1)
		}
		if hx < 0 {
			return math.NaN()
		}
		k -= 54
		x = mul(x, 0x1p54)
		hx = hi32(x)
	}
	if hx >= 0x7ff00000 {
		return x + x
	}
	k += (hx >> 20) - 1023
	i := int32(uint32(k) >> 31)
	hx = (hx & 0x000fffff) | ((0x3ff - i) << 20)
	y := float64(k + i)
	x = withHi(x, hx)
	z := mul(y, log102Lo) + mul(ivln10, strictLog(x))
	return z + mul(y, log102Hi)
}

// strictExp is StrictMath.exp.
func strictExp(x float64) float64 {
	const (
		huge     = 1.0e+300
		twom1000 = 0x1.0p-1000
		oThresh  = 0x1.62e42fefa39efp9
		uThresh  = -0x1.74910d52d3051p9
		ln2HI0   = 0x1.62e42feep-1
		ln2LO0   = 0x1.a39ef35793c76p-33
		invln2   = 0x1.71547652b82fep0
		p1       = 0x1.555555555553ep-3
		p2       = -0x1.6c16c16bebd93p-9
		p3       = 0x1.1566aaf25de2cp-14
		p4       = -0x1.bbd41c5d26bf1p-20
		p5       = 0x1.6376972bea4d0p-25
	)
	var hi, lo float64
	k := int32(0)
	hx := hi32(x)
	xsb := (hx >> 31) & 1
	hx &= 0x7fffffff
	if hx >= 0x40862E42 {
		if hx >= 0x7ff00000 {
			if (hx&0xfffff)|int32(lo32(x)) != 0 {
				return x + x
			}
			if xsb == 0 {
				return x
			}
			return 0
		}
		if x > oThresh {
			return math.Inf(1)
		}
		if x < uThresh {
			return 0
		}
	}
	if hx > 0x3fd62e42 {
		if hx < 0x3FF0A2B2 {
			if xsb == 0 {
				hi, lo = x-ln2HI0, ln2LO0
			} else {
				hi, lo = x+ln2HI0, -ln2LO0
			}
			k = 1 - xsb - xsb
		} else {
			half := 0.5
			if xsb != 0 {
				half = -0.5
			}
			k = int32(mul(invln2, x) + half)
			t := float64(k)
			hi = x - mul(t, ln2HI0)
			lo = mul(t, ln2LO0)
		}
		x = hi - lo
	} else if hx < 0x3e300000 {
		if huge+x > 1.0 {
			return 1.0 + x
		}
	}
	t := mul(x, x)
	c := x - mul(t, p1+mul(t, p2+mul(t, p3+mul(t, p4+mul(t, p5)))))
	if k == 0 {
		return 1.0 - (mul(x, c)/(c-2.0) - x)
	}
	y := 1.0 - ((lo - mul(x, c)/(2.0-c)) - hi)
	if k >= -1021 {
		return withHi(y, hi32(y)+k<<20)
	}
	y = withHi(y, hi32(y)+(k+1000)<<20)
	return mul(y, twom1000)
}

// strictPow is StrictMath.pow.
func strictPow(x, y float64) float64 {
	var z, r, s, t, u, v, w float64
	var i, j, k, n int32

	if y == 0 {
		return 1.0
	}
	if math.IsNaN(x) || math.IsNaN(y) {
		return x + y
	}
	yAbs := math.Abs(y)
	xAbs := math.Abs(x)
	switch {
	case y == 2.0:
		return mul(x, x)
	case y == 0.5:
		if x >= -math.MaxFloat64 {
			return math.Sqrt(x + 0.0)
		}
	case yAbs == 1.0:
		if y == 1.0 {
			return x
		}
		return 1.0 / x
	case math.IsInf(yAbs, 1):
		switch {
		case xAbs == 1.0:
			return y - y
		case xAbs > 1.0:
			if y >= 0 {
				return y
			}
			return 0
		default:
			if y < 0 {
				return -y
			}
			return 0
		}
	}
	hx := hi32(x)
	ix := hx & 0x7fffffff
	yIsInt := int32(0)
	if hx < 0 {
		if yAbs >= 0x1.0p53 {
			yIsInt = 2
		} else if yAbs >= 1.0 {
			l := int64(yAbs)
			if float64(l) == yAbs {
				yIsInt = 2 - int32(l&1)
			}
		}
	}
	if xAbs == 0 || math.IsInf(xAbs, 1) || xAbs == 1.0 {
		z = xAbs
		if y < 0 {
			z = 1.0 / z
		}
		if hx < 0 {
			if (ix-0x3ff00000)|yIsInt == 0 {
				z = math.NaN()
			} else if yIsInt == 1 {
				z = -1.0 * z
			}
		}
		return z
	}
	n = (hx >> 31) + 1
	if n|yIsInt == 0 {
		return math.NaN()
	}
	s = 1.0
	if n|(yIsInt-1) == 0 {
		s = -1.0
	}
	var pH, pL, t1, t2 float64
	if yAbs > 0x1.00000ffffffffp31 {
		const (
			invLn2  = 0x1.71547652b82fep0
			invLn2H = 0x1.715476p0
			invLn2L = 0x1.4ae0bf85ddf44p-26
		)
		if xAbs < 0x1.fffff00000000p-1 {
			if y < 0 {
				return mul(s, math.Inf(1))
			}
			return mul(s, 0)
		}
		if xAbs > 0x1.00000ffffffffp0 {
			if y > 0 {
				return mul(s, math.Inf(1))
			}
			return mul(s, 0)
		}
		t = xAbs - 1.0
		w = mul(mul(t, t), 0.5-mul(t, 0.3333333333333333333333-mul(t, 0.25)))
		u = mul(invLn2H, t)
		v = mul(t, invLn2L) - mul(w, invLn2)
		t1 = u + v
		t1 = withLo(t1, 0)
		t2 = v - (t1 - u)
	} else {
		const (
			cp  = 0x1.ec709dc3a03fdp-1
			cpH = 0x1.ec709ep-1
			cpL = -0x1.e2fe0145b01f5p-28
			l1  = 0x1.3333333333303p-1
			l2  = 0x1.b6db6db6fabffp-2
			l3  = 0x1.55555518f264dp-2
			l4  = 0x1.17460a91d4101p-2
			l5  = 0x1.d864a93c9db65p-3
			l6  = 0x1.a7e284a454eefp-3
		)
		bp := [2]float64{1.0, 1.5}
		dpH := [2]float64{0.0, 0x1.2b8034p-1}
		dpL := [2]float64{0.0, 0x1.cfdeb43cfd006p-27}
		n = 0
		if ix < 0x00100000 {
			xAbs = mul(xAbs, 0x1.0p53)
			n -= 53
			ix = hi32(xAbs)
		}
		n += (ix >> 20) - 0x3ff
		j = ix & 0x000fffff
		ix = j | 0x3ff00000
		switch {
		case j <= 0x3988E:
			k = 0
		case j < 0xBB67A:
			k = 1
		default:
			k = 0
			n++
			ix -= 0x00100000
		}
		xAbs = withHi(xAbs, ix)
		u = xAbs - bp[k]
		v = 1.0 / (xAbs + bp[k])
		ss := mul(u, v)
		sH := withLo(ss, 0)
		tH := withHi(0, ((ix>>1)|0x20000000)+0x00080000+(k<<18))
		tL := xAbs - (tH - bp[k])
		sL := mul(v, (u-mul(sH, tH))-mul(sH, tL))
		s2 := mul(ss, ss)
		r = mul(mul(s2, s2), l1+mul(s2, l2+mul(s2, l3+mul(s2, l4+mul(s2, l5+mul(s2, l6))))))
		r += mul(sL, sH+ss)
		s2 = mul(sH, sH)
		tH = 3.0 + s2 + r
		tH = withLo(tH, 0)
		tL = r - ((tH - 3.0) - s2)
		u = mul(sH, tH)
		v = mul(sL, tH) + mul(tL, ss)
		pH = u + v
		pH = withLo(pH, 0)
		pL = v - (pH - u)
		zH := mul(cpH, pH)
		zL := mul(cpL, pH) + mul(pL, cp) + dpL[k]
		t = float64(n)
		t1 = ((zH + zL) + dpH[k]) + t
		t1 = withLo(t1, 0)
		t2 = zL - (((t1 - t) - dpH[k]) - zH)
	}
	y1 := withLo(y, 0)
	pL = mul(y-y1, t1) + mul(y, t2)
	pH = mul(y1, t1)
	z = pL + pH
	j = hi32(z)
	i = int32(lo32(z))
	if j >= 0x40900000 {
		if (j-0x40900000)|i != 0 {
			return mul(s, math.Inf(1))
		}
		const ovt = 8.0085662595372944372e-0017
		if pL+ovt > z-pH {
			return mul(s, math.Inf(1))
		}
	} else if (j & 0x7fffffff) >= 0x4090cc00 {
		if (j-int32(-0x3f6f3400))|i != 0 {
			return mul(s, 0)
		}
		if pL <= z-pH {
			return mul(s, 0)
		}
	}
	const (
		p1   = 0x1.555555555553ep-3
		p2   = -0x1.6c16c16bebd93p-9
		p3   = 0x1.1566aaf25de2cp-14
		p4   = -0x1.bbd41c5d26bf1p-20
		p5   = 0x1.6376972bea4d0p-25
		lg2  = 0x1.62e42fefa39efp-1
		lg2H = 0x1.62e43p-1
		lg2L = -0x1.05c610ca86c39p-29
	)
	i = j & 0x7fffffff
	k = (i >> 20) - 0x3ff
	n = 0
	if i > 0x3fe00000 {
		n = j + (0x00100000 >> (k + 1))
		k = ((n & 0x7fffffff) >> 20) - 0x3ff
		t = withHi(0, n&^(0x000fffff>>k))
		n = ((n & 0x000fffff) | 0x00100000) >> (20 - k)
		if j < 0 {
			n = -n
		}
		pH -= t
	}
	t = pL + pH
	t = withLo(t, 0)
	u = mul(t, lg2H)
	v = mul(pL-(t-pH), lg2) + mul(t, lg2L)
	z = u + v
	w = v - (z - u)
	t = mul(z, z)
	t1 = z - mul(t, p1+mul(t, p2+mul(t, p3+mul(t, p4+mul(t, p5)))))
	r = mul(z, t1)/(t1-2.0) - (w + mul(z, w))
	z = 1.0 - (r - z)
	j = hi32(z)
	j += n << 20
	if (j >> 20) <= 0 {
		z = math.Ldexp(z, int(n))
	} else {
		z = withHi(z, hi32(z)+n<<20)
	}
	return mul(s, z)
}
