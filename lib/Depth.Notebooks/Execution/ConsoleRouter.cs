using System.Text;

namespace Depth.Notebooks.Execution;

/// <summary>
/// Routes <see cref="Console.Out"/> / <see cref="Console.Error"/> to the running cell's outputs (as
/// <c>stream</c> outputs) and everything else to the original console. Installed once per process.
/// </summary>
public static class ConsoleRouter
{
    private static readonly object gate = new();
    private static bool installed;

    /// <summary>The console's own stdout, for progress lines written while cells run.</summary>
    public static TextWriter OriginalOut { get; private set; } = Console.Out;

    /// <summary>Installs the routing writers (idempotent).</summary>
    public static void Install()
    {
        lock (gate)
        {
            if (installed) return;
            OriginalOut = Console.Out;
            Console.SetOut(new RoutingWriter("stdout", Console.Out));
            Console.SetError(new RoutingWriter("stderr", Console.Error));
            installed = true;
        }
    }

    private sealed class RoutingWriter(string stream, TextWriter fallback) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            if (value is null) return;
            if (KernelContext.Current is { } cell) cell.AppendStream(stream, value);
            else lock (fallback) fallback.Write(value);
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void WriteLine(string? value) => Write((value ?? "") + "\n");

        public override void WriteLine() => Write("\n");

        public override void Flush()
        {
            if (KernelContext.Current is null) lock (fallback) fallback.Flush();
        }
    }
}
