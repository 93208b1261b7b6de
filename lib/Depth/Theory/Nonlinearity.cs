namespace Depth;

/// <summary>
/// A scalar nonlinearity φ with its first and second derivatives, as the mean-field theory needs them.
/// </summary>
/// <param name="Name">Display name, e.g. "tanh".</param>
/// <param name="Function">φ(x).</param>
/// <param name="Derivative">φ'(x).</param>
/// <param name="SecondDerivative">φ''(x) (used by the length-map slope and ξ_q).</param>
public sealed record Nonlinearity(
    string Name,
    Func<double, double> Function,
    Func<double, double> Derivative,
    Func<double, double> SecondDerivative)
{
    /// <summary>φ(x) = tanh x; φ' = 1 − tanh²x; φ'' = −2 tanh x (1 − tanh²x).</summary>
    public static Nonlinearity Tanh { get; } = new(
        "tanh",
        Math.Tanh,
        x => { double t = Math.Tanh(x); return 1 - t * t; },
        x => { double t = Math.Tanh(x); return -2 * t * (1 - t * t); });

    /// <summary>φ(x) = max(0, x); φ' = 1 for x &gt; 0 else 0; φ'' = 0 (the δ at 0 meets φ(0) = 0).</summary>
    public static Nonlinearity Relu { get; } = new(
        "ReLU",
        x => x > 0 ? x : 0,
        x => x > 0 ? 1 : 0,
        _ => 0);

    /// <summary>φ(x) = x (a deep linear network): φ' = 1, φ'' = 0.</summary>
    public static Nonlinearity Identity { get; } = new("identity", x => x, _ => 1, _ => 0);

    /// <summary>
    /// An activation from φ alone (or φ and φ'); missing derivatives are central finite differences
    /// with step h: φ'(x) ≈ (φ(x+h) − φ(x−h)) / 2h, φ''(x) ≈ (φ(x+h) − 2φ(x) + φ(x−h)) / h².
    /// </summary>
    /// <param name="name">Display name.</param>
    /// <param name="function">φ.</param>
    /// <param name="derivative">φ' if known analytically.</param>
    /// <param name="secondDerivative">φ'' if known analytically.</param>
    /// <param name="step">Finite-difference step h (default 1e-4: error ~h² ≈ 1e-8 for smooth φ).</param>
    public static Nonlinearity FromFunction(
        string name,
        Func<double, double> function,
        Func<double, double>? derivative = null,
        Func<double, double>? secondDerivative = null,
        double step = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (!(step > 0)) throw new ArgumentOutOfRangeException(nameof(step), step, "Finite-difference step must be positive.");
        double h = step;
        derivative ??= x => (function(x + h) - function(x - h)) / (2 * h);
        secondDerivative ??= x => (function(x + h) - 2 * function(x) + function(x - h)) / (h * h);
        return new Nonlinearity(name, function, derivative, secondDerivative);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
