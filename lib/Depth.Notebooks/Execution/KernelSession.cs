using System.Diagnostics;
using System.Reflection;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Connection;
using Microsoft.DotNet.Interactive.Events;

namespace Depth.Notebooks.Execution;

/// <summary>
/// One running .NET Interactive kernel, driven over stdio with the kernel's own client
/// (<see cref="StdIoKernelConnector"/>, a proxy to its <c>csharp</c> subkernel): the program VS Code starts, fed cells
/// as VS Code feeds them. The session watches the kernel's process: when it ends while a cell runs, the cell fails
/// at once with <see cref="KernelDiedException"/> (nbclient's <c>DeadKernelError</c>). Disposing it ends the kernel.
/// </summary>
public sealed class KernelSession : IAsyncDisposable
{
    private readonly StdIoKernelConnector connector;
    private readonly ProxyKernel csharp;
    private readonly Process process;
    private readonly Task exited;
    private readonly Timer memoryWatch;
    private long? peakBytes;
    private CellOutputs? current;

    private KernelSession(StdIoKernelConnector connector, ProxyKernel csharp, KernelCommandLine kernel)
    {
        this.connector = connector;
        this.csharp = csharp;
        Kernel = kernel;
        process = KernelProcess(connector);
        exited = process.WaitForExitAsync();
        memoryWatch = new Timer(_ => peakBytes = PeakResidentBytes(process.Id) ?? peakBytes, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        csharp.KernelEvents.Subscribe(OnEvent);
    }

    /// <summary>What a cell that reads <see cref="Console.In"/> gets in a headless run: an exception that says why, at
    /// once, instead of a read that never returns. The kernel reads its commands from the reader it took at start, so
    /// replacing <see cref="Console.In"/> does not touch the command channel.</summary>
    private const string HeadlessInput = """
        sealed class HeadlessConsoleInput : System.IO.TextReader
        {
            public override int Peek() => throw Refuse();
            public override int Read() => throw Refuse();
            private static System.Exception Refuse() => new System.InvalidOperationException(
                "this run is headless and cannot answer Console input: give values as parameters instead " +
                "(./course run <notebook> --param name=value)");
        }
        System.Console.SetIn(new HeadlessConsoleInput());
        """;

    /// <summary>The kernel program and version.</summary>
    public KernelCommandLine Kernel { get; }

    /// <summary>Starts the kernel in <paramref name="workingDirectory"/> (the notebook's folder) and connects to its C#
    /// subkernel; gives up after <paramref name="timeout"/>.</summary>
    public static async Task<KernelSession> StartAsync(KernelCommandLine kernel, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connector = new StdIoKernelConnector(kernel.For(workingDirectory), "course", KernelHost.CreateHostUri("course"),
            new DirectoryInfo(workingDirectory));
        var start = connector.CreateProxyKernelAsync("csharp");
        var finished = await Task.WhenAny(start, Task.Delay(timeout, cancellationToken));
        if (finished != start)
        {
            connector.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"the kernel ({kernel.Program}) did not start within {timeout.TotalSeconds:0} s");
        }
        KernelSession? session = null;
        try
        {
            ProxyKernel proxy;
            try
            {
                proxy = await start;
            }
            catch (InvalidOperationException)
            {
                // StdIoKernelConnector sets "ready" before it caches the kernel infos that came with KernelReady, so a
                // fast reader can miss them (Single() finds no root); the second call reads the now filled cache.
                await Task.Delay(200, cancellationToken);
                proxy = await connector.CreateProxyKernelAsync("csharp");
            }
            session = new KernelSession(connector, proxy, kernel);
            if (await session.SubmitAsync(HeadlessInput, new CellOutputs(), timeout, cancellationToken) is { } failed)
                throw new InvalidOperationException($"the kernel refused the run's setup: {failed}");
            return session;
        }
        catch (Exception e)
        {
            if (session is null) connector.Dispose(); else await session.DisposeAsync();
            if (e is OperationCanceledException) throw;
            throw new InvalidOperationException($"the kernel ({kernel.Program}) did not start: {e.Message}", e);
        }
    }

    /// <summary>Submits one cell and collects what the kernel produces into <paramref name="outputs"/>.</summary>
    /// <returns>Null when the cell succeeded, else the kernel's failure message.</returns>
    /// <exception cref="TimeoutException">The cell ran longer than <paramref name="timeout"/> (the kernel is ended).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled (Ctrl-C; the kernel is ended).</exception>
    /// <exception cref="KernelDiedException">The kernel's process ended while the cell ran.</exception>
    public async Task<string?> SubmitAsync(string code, CellOutputs outputs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        current = outputs;
        try
        {
            if (exited.IsCompleted) throw Died();
            var send = csharp.SendAsync(new SubmitCode(code, csharp.Name));
            var finished = await Task.WhenAny(send, exited, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
            if (finished == exited) throw Died();
            if (finished != send)
            {
                connector.Dispose();                 // the only way to stop a cell that does not return: end the kernel
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"the cell did not finish within {Describe(timeout)}");
            }
            var result = await send.ConfigureAwait(false);
            var failure = result.Events.OfType<CommandFailed>().FirstOrDefault()?.Message;
            // A failure can be the kernel's last word before it ends (a broken pipe): say so if its process is gone.
            if (failure is not null && await Task.WhenAny(exited, Task.Delay(200, CancellationToken.None)) == exited) throw Died();
            return failure;
        }
        finally
        {
            current = null;
        }
    }

    private void OnEvent(KernelEvent e)
    {
        var outputs = current;
        if (outputs is null) return;
        switch (e)
        {
            case StandardOutputValueProduced o:
                outputs.AppendStream("stdout", Plain(o));
                break;
            case StandardErrorValueProduced o:
                outputs.AppendStream("stderr", Plain(o));
                break;
            case ReturnValueProduced r:
                outputs.Display([.. r.FormattedValues.Select(f => (f.MimeType, f.Value))], r.ValueId, isResult: true);
                break;
            case DisplayedValueProduced d:
                outputs.Display([.. d.FormattedValues.Select(f => (f.MimeType, f.Value))], d.ValueId);
                break;
            case DisplayedValueUpdated u:
                outputs.Update([.. u.FormattedValues.Select(f => (f.MimeType, f.Value))], u.ValueId);
                break;
        }
    }

    private KernelDiedException Died() => new(ExitCode(process), peakBytes);

    /// <summary>The kernel's process as the connector started it. Only the <see cref="Process"/> that started a child
    /// can read its exit code, and <see cref="StdIoKernelConnector"/> exposes just the id, so this reads its private
    /// field (the pinned client is archived: the field will not move); without it, the exit is still seen at once,
    /// without its code.</summary>
    private static Process KernelProcess(StdIoKernelConnector connector) =>
        typeof(StdIoKernelConnector).GetField("_process", BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(connector) as Process
        ?? Process.GetProcessById(connector.ProcessId ?? throw new InvalidOperationException("the kernel has no process"));

    private static int? ExitCode(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The process's peak resident set (VmHWM in /proc/&lt;pid&gt;/status), or null where there is no /proc.</summary>
    private static long? PeakResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return null;
    }

    private static string Plain(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(f => f.MimeType == "text/plain")?.Value ?? e.FormattedValues.FirstOrDefault()?.Value ?? "";

    internal static string Describe(TimeSpan t) =>
        t.TotalMinutes >= 1 ? $"{t.TotalMinutes:0.#} min" : $"{t.TotalSeconds:0.#} s";

    /// <summary>Ends the kernel process.</summary>
    public ValueTask DisposeAsync()
    {
        memoryWatch.Dispose();
        csharp.Dispose();
        connector.Dispose();
        return ValueTask.CompletedTask;
    }
}
