using System.Net;
using System.Net.Sockets;
using System.Text;
using Depth;

namespace Depth.Tests;

/// <summary>A minimal HTTP/1.1 server on 127.0.0.1 serving fixed files, honouring "Range:
/// bytes=N-". With <c>stallAfter</c> it sends the headers and that many body bytes, then goes
/// silent.</summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, byte[]> files;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    private readonly int? stallAfter;

    public LocalHttpServer(Dictionary<string, byte[]> files, int? stallAfter = null)
    {
        this.files = files;
        this.stallAfter = stallAfter;
        listener.Start();
        loop = Task.Run(Serve);
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";
    public List<string> RangeHeaders { get; } = [];

    private async Task Serve()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception) { return; }
            using (client)
            {
                var stream = client.GetStream();
                var reader = new StreamReader(stream, Encoding.ASCII);
                var requestLine = await reader.ReadLineAsync() ?? "";
                string? range = null;
                for (var line = await reader.ReadLineAsync(); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync())
                    if (line.StartsWith("Range:", StringComparison.OrdinalIgnoreCase)) range = line[6..].Trim();
                lock (RangeHeaders) RangeHeaders.Add(range ?? "");
                var path = requestLine.Split(' ')[1].TrimStart('/');
                byte[] body;
                string status;
                if (!files.TryGetValue(path, out var content)) { status = "404 Not Found"; body = []; }
                else if (range is not null && range.StartsWith("bytes=") && long.Parse(range[6..].TrimEnd('-')) is var from)
                {
                    status = "206 Partial Content";
                    body = content[(int)from..];
                }
                else { status = "200 OK"; body = content; }
                var head = $"HTTP/1.1 {status}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
                if (stallAfter is { } n)
                {
                    await stream.WriteAsync(body.AsMemory(0, n));
                    await stream.FlushAsync();
                    try { await Task.Delay(Timeout.Infinite, stop.Token); }
                    catch (OperationCanceledException) { return; }
                }
                await stream.WriteAsync(body);
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        try { loop.Wait(1000); } catch (AggregateException) { }
    }
}

public class DataDownloadTests
{
    private static (byte[] Gz, DataFile File) FakeLabels()
    {
        var raw = IdxFile.Encode([5], [0, 1, 2, 3, 4]);
        return (DataTestFiles.Gzip(raw), new DataFile("fake-labels-idx1-ubyte", raw.Length, IdxFile.Sha256Hex(raw)));
    }

    private static FashionMnistOptions Isolated(TempFolder tmp, string? url) => new()
    {
        ExplicitPath = null, DataDirectory = null, SystemDirectory = null,
        CacheDirectory = tmp.File("cache"), DownloadUrl = url, DownloadTimeout = TimeSpan.FromSeconds(10),
    };

    [Fact]
    public void DownloadsIntoCacheAndRenamesAtomically()
    {
        using var tmp = new TempFolder();
        var (gz, file) = FakeLabels();
        using var server = new LocalHttpServer(new() { [file.Name + ".gz"] = gz });
        var path = FashionMnistLocator.Locate(file, Isolated(tmp, server.BaseUrl));
        Assert.Equal(tmp.File("cache/" + file.Name + ".gz"), path);
        Assert.Equal(gz, System.IO.File.ReadAllBytes(path));
        Assert.False(System.IO.File.Exists(path + ".part"));
        // Second call finds the cached copy without the network.
        Assert.Equal(path, FashionMnistLocator.Locate(file, Isolated(tmp, "http://127.0.0.1:1/")));
    }

    [Fact]
    public void ResumesAPartialDownloadWithARangeRequest()
    {
        using var tmp = new TempFolder();
        var (gz, file) = FakeLabels();
        Directory.CreateDirectory(tmp.File("cache"));
        int half = gz.Length / 2;
        System.IO.File.WriteAllBytes(tmp.File("cache/" + file.Name + ".gz.part"), gz[..half]);
        using var server = new LocalHttpServer(new() { [file.Name + ".gz"] = gz });
        var path = FashionMnistLocator.Locate(file, Isolated(tmp, server.BaseUrl));
        Assert.Equal([$"bytes={half}-"], server.RangeHeaders);
        Assert.Equal(gz, System.IO.File.ReadAllBytes(path));
        Assert.False(System.IO.File.Exists(path + ".part"));
    }

    [Fact]
    public void ADownloadWithTheWrongContentIsRejectedAndNotKept()
    {
        using var tmp = new TempFolder();
        var (_, file) = FakeLabels();
        var other = DataTestFiles.Gzip(IdxFile.Encode([5], [9, 9, 9, 9, 9]));
        using var server = new LocalHttpServer(new() { [file.Name + ".gz"] = other });
        var e = Assert.Throws<ChecksumMismatchException>(() => FashionMnistLocator.Locate(file, Isolated(tmp, server.BaseUrl)));
        Assert.Equal(file.Sha256, e.Expected);
        Assert.False(System.IO.File.Exists(tmp.File("cache/" + file.Name + ".gz")));
        Assert.False(System.IO.File.Exists(tmp.File("cache/" + file.Name + ".gz.part")));
    }

    [Fact]
    public void MissingDatasetOfflineSaysWhichFileWhereAndHow()
    {
        using var tmp = new TempFolder();
        // A port nobody listens on: bind, read the port, close.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = Isolated(tmp, $"http://127.0.0.1:{port}/") with
        {
            DataDirectory = tmp.File("data"), SystemDirectory = tmp.File("system"),
        };
        var e = Assert.Throws<DatasetNotFoundException>(() => FashionMnist.Load(Split.Test, options));
        Assert.Contains("t10k-images-idx3-ubyte.gz", e.Message);
        Assert.Contains(tmp.File("data"), e.Message);
        Assert.Contains(tmp.File("system"), e.Message);
        Assert.Contains(tmp.File("cache"), e.Message);
        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.Contains("./course data", e.Message);
        Assert.Contains(FashionMnistOptions.UpstreamUrl, e.Message);
    }

    [Fact]
    public void AStallInTheBodyEndsTheDownloadAtTheTimeoutAndKeepsThePartForResume()
    {
        using var tmp = new TempFolder();
        var (gz, file) = FakeLabels();
        int half = gz.Length / 2;
        var timeout = TimeSpan.FromSeconds(1);
        var options = Isolated(tmp, null) with { DownloadTimeout = timeout };
        string part = tmp.File("cache/" + file.Name + ".gz.part");
        DatasetNotFoundException e;
        using (var stalling = new LocalHttpServer(new() { [file.Name + ".gz"] = gz }, half))
        {
            var from = options with { DownloadUrl = stalling.BaseUrl };
            e = Assert.Throws<DatasetNotFoundException>(
                () => FashionMnistLocator.Locate(file, from));
        }
        var stall = Assert.IsType<DownloadStalledException>(e.InnerException);
        Assert.Equal(half, stall.BytesKept);
        Assert.Equal(part, stall.PartFile);
        Assert.Contains($"no data for 1 s after {half:N0} bytes", e.Message);
        Assert.Contains($"kept in {part} and the next attempt resumes from there", e.Message);
        Assert.Equal(gz[..half], System.IO.File.ReadAllBytes(part));

        using var server = new LocalHttpServer(new() { [file.Name + ".gz"] = gz });
        var path = FashionMnistLocator.Locate(file, options with { DownloadUrl = server.BaseUrl });
        Assert.Equal([$"bytes={half}-"], server.RangeHeaders);
        Assert.Equal(gz, System.IO.File.ReadAllBytes(path));
    }

    [Fact]
    public void AStallAfterResumingCountsTheResumedBytes()
    {
        using var tmp = new TempFolder();
        var (gz, file) = FakeLabels();
        string target = tmp.File(file.Name + ".gz");
        System.IO.File.WriteAllBytes(target + ".part", gz[..4]);
        using var stalling = new LocalHttpServer(new() { [file.Name + ".gz"] = gz }, stallAfter: 3);
        var url = new Uri(stalling.BaseUrl + file.Name + ".gz");
        // The timeout also bounds the wait for the headers: 300 ms was tight for a cold HTTP stack on two cores
        // busy with the parallel test classes.
        var e = Assert.Throws<DownloadStalledException>(
            () => Downloader.Download(url, target, _ => { }, TimeSpan.FromSeconds(2)));
        Assert.Equal(7, e.BytesKept);
        Assert.Equal(gz[..7], System.IO.File.ReadAllBytes(target + ".part"));
    }
}
