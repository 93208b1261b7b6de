using System.Numerics;
using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// One tanh layer's sequential work in managed code, on float32 rows [B, n] in place in tensors' memory:
/// forward h' = tanh(h Wᵀ + b) and backward δ = g ⊙ (1 − a²), g' = δ W, for <see cref="TanhStack"/>.
/// </summary>
/// <remarks>
/// <para>Why: the layers of the stacked networks are tiny (n = 32 or 64, B = 256), and a libtorch call costs more in
/// fixed overhead than these products cost in arithmetic (2 calls forward and 3 backward per layer, about 78 µs per
/// layer and step for n = 32 against 18 µs of arithmetic at one core's peak). Here a layer is one pass over its rows.</para>
/// <para>Mechanism: forward multiplies by Wᵀ (<see cref="TanhStack"/> transposes each segment's weights with one
/// libtorch copy), backward by W, both read row by row in place (4 KB for n = 32, 16 KB for n = 64: in L1 after the
/// first rows) when n is a whole number of tiles, else packed per layer into a zero-padded buffer. A register-blocked
/// micro-kernel computes 4 rows × 4 vectors of the product (16 accumulators; 4 × 32 floats with 256-bit vectors),
/// one fused multiply-add per input column and vector, then stores the n real columns. Forward starts the
/// accumulators from the bias and applies <see cref="Tanh"/> to the finished tile in registers.</para>
/// <para>Summation runs over the input columns in order, as a plain dot product does; results differ from libtorch's
/// BLAS at float32 rounding (its blocking sums in another order).</para>
/// </remarks>
internal static unsafe class TanhKernel
{
    // The kernels are compiled fully optimised at once (AggressiveOptimization): their first, unoptimised tier is
    // slower than libtorch by a factor of ten.

    const int Rows = 4;         // rows per micro-kernel tile
    const int Vectors = 4;      // vectors per tile row

    /// <summary>Whether this CPU runs the kernels with hardware vectors; otherwise <see cref="TanhStack"/> uses its
    /// libtorch loop.</summary>
    internal static bool Supported => Vector.IsHardwareAccelerated;

    /// <summary>Columns per tile: the padded width n' of a packed matrix is a multiple of it.</summary>
    static int Tile => Vectors * Vector<float>.Count;

    /// <summary>n rounded up to a whole number of tiles.</summary>
    internal static int Padded(int n) => (n + Tile - 1) / Tile * Tile;

    /// <summary>A zeroed buffer for one packed matrix [n, n'] followed by one packed bias [n'].</summary>
    internal static float[] Buffer(int n) => GC.AllocateArray<float>((n + 1) * Padded(n), pinned: true);

    /// <summary>Fewest rows a thread takes in <see cref="ForRowParts"/>.</summary>
    const int MinRows = 32;

    /// <summary>Runs <paramref name="part"/>(first row, rows, its own <see cref="Buffer"/>) over the batch's rows split
    /// into one part per libtorch thread (<c>torch.get_num_threads()</c>, so <see cref="TorchThreads"/> rules; at
    /// least 32 rows a part), the calling thread taking one. Rows stay independent through every layer, forward and
    /// backward, so the threads meet once per call (a segment of layers), not once per layer.</summary>
    internal static void ForRowParts(int batch, int n, Action<int, int, float[]> part)
    {
        int parts = Math.Max(1, Math.Min(torch.get_num_threads(), batch / MinRows));
        if (parts == 1)
        {
            part(0, batch, Buffer(n));
            return;
        }
        Parallel.For(0, parts, p =>
        {
            int row = (int)((long)batch * p / parts), end = (int)((long)batch * (p + 1) / parts);
            part(row, end - row, Buffer(n));
        });
    }

    /// <summary>Address of the first element of a float32 tensor on the CPU whose memory is laid out densely
    /// (checked).</summary>
    internal static float* Address(Tensor t)
    {
        if (t.dtype != ScalarType.Float32 || t.device_type != DeviceType.CPU || !t.is_contiguous())
            throw new ArgumentException($"TanhKernel needs a contiguous float32 CPU tensor, not {t.dtype} on {t.device_type}" +
                                        (t.is_contiguous() ? "" : " (strided)"));
        return (float*)t.storage<float>().data_ptr() + t.storage_offset();
    }

    /// <summary>output [B, n] = tanh(input [B, n] Wᵀ + b) for Wᵀ [n, n] (row-major: row i holds the weights of input i)
    /// and b [n]; packs into <paramref name="buffer"/> (<see cref="Buffer"/>) when n is not a whole number of tiles.
    /// Output must not overlap input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Forward(float* input, float* wt, float* b, float* output, int batch, int n, float[] buffer)
    {
        int np = Padded(n);
        if (np == n)
        {
            Multiply(input, wt, n, b, output, batch, n, activate: true);
            return;
        }
        fixed (float* m = buffer)
        {
            float* bias = m + n * np;
            for (int i = 0; i < n; i++)
                new ReadOnlySpan<float>(wt + i * n, n).CopyTo(new Span<float>(m + i * np, n));
            new ReadOnlySpan<float>(b, n).CopyTo(new Span<float>(bias, n));
            Multiply(input, m, np, bias, output, batch, n, activate: true);
        }
    }

    /// <summary>With g [B, n] the gradient with respect to a layer's output a [B, n]: delta = g ⊙ (1 − a²) and
    /// below [B, n] = delta W, the gradient with respect to its input, for W [n, n] (packed into
    /// <paramref name="buffer"/> when n is not a whole number of tiles). below must not overlap delta.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Backward(float* g, float* a, float* w, float* delta, float* below, int batch, int n, float[] buffer)
    {
        Derivative(g, a, delta, batch * n);
        int np = Padded(n);
        if (np == n)
        {
            Multiply(delta, w, n, null, below, batch, n, activate: false);
            return;
        }
        fixed (float* m = buffer)
        {
            for (int o = 0; o < n; o++)
                new ReadOnlySpan<float>(w + o * n, n).CopyTo(new Span<float>(m + o * np, n));
            Multiply(delta, m, np, null, below, batch, n, activate: false);
        }
    }

    // delta = g − (g a) a over count elements: the libtorch loop's copy_(g).addcmul_(g ⊙ a, a, −1) with one rounding
    // less (fused).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Derivative(float* g, float* a, float* delta, int count)
    {
        int v = Vector<float>.Count, k = 0;
        for (; k + v <= count; k += v)
        {
            var gv = Vector.Load(g + k);
            var av = Vector.Load(a + k);
            Vector.Store(Vector.MultiplyAddEstimate(-(gv * av), av, gv), delta + k);
        }
        for (; k < count; k++) delta[k] = MathF.FusedMultiplyAdd(-(g[k] * a[k]), a[k], g[k]);
    }

    // c [rows, n] = a [rows, n] × m [n, np] (+ bias [np] on every row, then tanh if activate), m and bias zero beyond
    // column n. Tiles of 4 rows × 4 vectors; the last row tile reads its missing rows from the last row and stores
    // none of them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Multiply(float* a, float* m, int np, float* bias, float* c, int rows, int n, bool activate)
    {
        int v = Vector<float>.Count;
        float* tile = stackalloc float[Rows * Vectors * v];
        for (int j = 0; j < np; j += Vectors * v)
        {
            var zero = Vector<float>.Zero;
            var (b0, b1, b2, b3) = bias == null ? (zero, zero, zero, zero)
                : (Vector.Load(bias + j), Vector.Load(bias + j + v), Vector.Load(bias + j + 2 * v), Vector.Load(bias + j + 3 * v));
            for (int r = 0; r < rows; r += Rows)
            {
                float* a0 = a + (long)r * n;
                float* a1 = a + (long)Math.Min(r + 1, rows - 1) * n;
                float* a2 = a + (long)Math.Min(r + 2, rows - 1) * n;
                float* a3 = a + (long)Math.Min(r + 3, rows - 1) * n;
                Vector<float> c00 = b0, c01 = b1, c02 = b2, c03 = b3, c10 = b0, c11 = b1, c12 = b2, c13 = b3;
                Vector<float> c20 = b0, c21 = b1, c22 = b2, c23 = b3, c30 = b0, c31 = b1, c32 = b2, c33 = b3;
                float* mi = m + j;
                for (int i = 0; i < n; i++, mi += np)
                {
                    var m0 = Vector.Load(mi);
                    var m1 = Vector.Load(mi + v);
                    var m2 = Vector.Load(mi + 2 * v);
                    var m3 = Vector.Load(mi + 3 * v);
                    var x = new Vector<float>(a0[i]);
                    c00 = Vector.MultiplyAddEstimate(x, m0, c00); c01 = Vector.MultiplyAddEstimate(x, m1, c01);
                    c02 = Vector.MultiplyAddEstimate(x, m2, c02); c03 = Vector.MultiplyAddEstimate(x, m3, c03);
                    x = new Vector<float>(a1[i]);
                    c10 = Vector.MultiplyAddEstimate(x, m0, c10); c11 = Vector.MultiplyAddEstimate(x, m1, c11);
                    c12 = Vector.MultiplyAddEstimate(x, m2, c12); c13 = Vector.MultiplyAddEstimate(x, m3, c13);
                    x = new Vector<float>(a2[i]);
                    c20 = Vector.MultiplyAddEstimate(x, m0, c20); c21 = Vector.MultiplyAddEstimate(x, m1, c21);
                    c22 = Vector.MultiplyAddEstimate(x, m2, c22); c23 = Vector.MultiplyAddEstimate(x, m3, c23);
                    x = new Vector<float>(a3[i]);
                    c30 = Vector.MultiplyAddEstimate(x, m0, c30); c31 = Vector.MultiplyAddEstimate(x, m1, c31);
                    c32 = Vector.MultiplyAddEstimate(x, m2, c32); c33 = Vector.MultiplyAddEstimate(x, m3, c33);
                }
                // Through a buffer: the accumulators must be dead before any call, or the JIT keeps them on the stack.
                Vector.Store(c00, tile); Vector.Store(c01, tile + v); Vector.Store(c02, tile + 2 * v); Vector.Store(c03, tile + 3 * v);
                Vector.Store(c10, tile + 4 * v); Vector.Store(c11, tile + 5 * v); Vector.Store(c12, tile + 6 * v); Vector.Store(c13, tile + 7 * v);
                Vector.Store(c20, tile + 8 * v); Vector.Store(c21, tile + 9 * v); Vector.Store(c22, tile + 10 * v); Vector.Store(c23, tile + 11 * v);
                Vector.Store(c30, tile + 12 * v); Vector.Store(c31, tile + 13 * v); Vector.Store(c32, tile + 14 * v); Vector.Store(c33, tile + 15 * v);
                int width = Math.Min(Vectors * v, n - j);
                for (int q = 0; q < Rows && r + q < rows; q++)
                    Emit(tile + q * Vectors * v, c + (long)(r + q) * n + j, width, activate);
            }
        }
    }

    // The first width columns of one tile row into the output, through tanh if activate.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Emit(float* tileRow, float* row, int width, bool activate)
    {
        int v = Vector<float>.Count, k = 0;
        for (; k + v <= width; k += v)
        {
            var x = Vector.Load(tileRow + k);
            Vector.Store(activate ? Tanh(x) : x, row + k);
        }
        if (k == width) return;
        var last = Vector.Load(tileRow + k);
        if (activate) last = Tanh(last);
        for (int e = 0; k + e < width; e++) row[k + e] = last[e];
    }

    // tanh(|x|) = |x| + |x|³ P(x²) below |x| = 0.625 (P: degree-5 Chebyshev fit of (tanh(x)/x − 1)/x², error < 2e-9,
    // so x³ P adds < 1e-9 relative), else 1 − 2/(e^{2|x|} + 1), where the subtraction loses less than a bit and |x| is
    // capped at 9.5, past which tanh rounds to 1 (skipped when every lane is small: the same result); then the sign of
    // x (−0 stays −0). e^y: y = k ln 2 + r with
    // |r| ≤ ln 2 / 2 (ln 2 in two parts, so k ln 2 is exact), e^r by a degree-6 Chebyshev fit (relative error 2e-9),
    // times 2^k through the exponent bits. Within 2 float32 ulps of tanh (tested); NaN stays NaN.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Vector<float> Tanh(Vector<float> x)
    {
        var ax = Vector.Abs(x);
        var s = x * x;
        var p = Vector.MultiplyAddEstimate(new Vector<float>(0.0022927448f), s, new Vector<float>(-0.008343945f));
        p = Vector.MultiplyAddEstimate(p, s, new Vector<float>(0.021768918f));
        p = Vector.MultiplyAddEstimate(p, s, new Vector<float>(-0.05395926f));
        p = Vector.MultiplyAddEstimate(p, s, new Vector<float>(0.13333303f));
        p = Vector.MultiplyAddEstimate(p, s, new Vector<float>(-0.33333333f));
        var small = Vector.MultiplyAddEstimate(ax * s, p, ax);
        if (Vector.LessThanAll(ax, new Vector<float>(0.625f)))   // no NaN here; near the critical point, nearly always
            return Vector.CopySign(small, x);

        var y = Vector.Min(ax, new Vector<float>(9.5f));
        y += y;
        var k = Vector.Round(y * new Vector<float>(1.44269504f));
        var r = Vector.MultiplyAddEstimate(k, new Vector<float>(-0.693145751953125f), y);
        r = Vector.MultiplyAddEstimate(k, new Vector<float>(-1.4286068e-6f), r);
        var e = Vector.MultiplyAddEstimate(new Vector<float>(0.0013941108f), r, new Vector<float>(0.008375126f));
        e = Vector.MultiplyAddEstimate(e, r, new Vector<float>(0.041666353f));
        e = Vector.MultiplyAddEstimate(e, r, new Vector<float>(0.16666415f));
        e = Vector.MultiplyAddEstimate(e, r, new Vector<float>(0.5f));
        e = Vector.MultiplyAddEstimate(e, r, Vector<float>.One);
        e = Vector.MultiplyAddEstimate(e, r, Vector<float>.One);
        e = Vector.AsVectorSingle(Vector.AsVectorInt32(e) + Vector.ShiftLeft(Vector.ConvertToInt32(k), 23));
        var large = Vector<float>.One - new Vector<float>(2f) / (e + Vector<float>.One);

        var t = Vector.CopySign(Vector.ConditionalSelect(Vector.LessThan(ax, new Vector<float>(0.625f)), small, large), x);
        return Vector.ConditionalSelect(Vector.Equals(x, x), t, x);
    }
}
