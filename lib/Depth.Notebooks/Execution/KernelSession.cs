using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Connection;
using Microsoft.DotNet.Interactive.Events;

namespace Depth.Notebooks.Execution;

/// <summary>
/// One running .NET Interactive kernel, driven over stdio with the kernel's own client
/// (<see cref="StdIoKernelConnector"/>, a proxy to its <c>csharp</c> subkernel): the program VS Code starts, fed cells
/// as VS Code feeds them. Disposing it ends the kernel process.
/// </summary>
public sealed class KernelSession : IAsyncDisposable
{
    private readonly StdIoKernelConnector connector;
    private readonly ProxyKernel csharp;
    private CellOutputs? current;

    private KernelSession(StdIoKernelConnector connector, ProxyKernel csharp, KernelCommandLine kernel)
    {
        this.connector = connector;
        this.csharp = csharp;
        Kernel = kernel;
        csharp.KernelEvents.Subscribe(OnEvent);
    }

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
            return new KernelSession(connector, proxy, kernel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            connector.Dispose();
            throw new InvalidOperationException($"the kernel ({kernel.Program}) did not start: {e.Message}", e);
        }
    }

    /// <summary>Submits one cell and collects what the kernel produces into <paramref name="outputs"/>.</summary>
    /// <returns>Null when the cell succeeded, else the kernel's failure message.</returns>
    /// <exception cref="TimeoutException">The cell ran longer than <paramref name="timeout"/> (the kernel is ended).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled (Ctrl-C; the kernel is ended).</exception>
    public async Task<string?> SubmitAsync(string code, CellOutputs outputs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        current = outputs;
        try
        {
            var send = csharp.SendAsync(new SubmitCode(code, csharp.Name));
            var finished = await Task.WhenAny(send, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
            if (finished != send)
            {
                connector.Dispose();                 // the only way to stop a cell that does not return: end the kernel
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"the cell did not finish within {Describe(timeout)}");
            }
            var result = await send.ConfigureAwait(false);
            return result.Events.OfType<CommandFailed>().FirstOrDefault()?.Message;
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

    private static string Plain(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(f => f.MimeType == "text/plain")?.Value ?? e.FormattedValues.FirstOrDefault()?.Value ?? "";

    internal static string Describe(TimeSpan t) =>
        t.TotalMinutes >= 1 ? $"{t.TotalMinutes:0.#} min" : $"{t.TotalSeconds:0.#} s";

    /// <summary>Ends the kernel process.</summary>
    public ValueTask DisposeAsync()
    {
        csharp.Dispose();
        connector.Dispose();
        return ValueTask.CompletedTask;
    }
}
