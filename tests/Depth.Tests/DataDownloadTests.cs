using System.Net;
using System.Net.Sockets;
using System.Text;
using Depth.Data;

namespace Depth.Tests;

/// <summary>A minimal HTTP/1.1 server on 127.0.0.1 serving fixed files, honouring "Range: bytes=N-".</summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, byte[]> files;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public LocalHttpServer(Dictionary<string, byte[]> files)
    {
        this.files = files;
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
        var options = Isolated(tmp, $"http://127.0.0.1:{port}/") with { ExplicitPath = tmp.File("explicit"), SystemDirectory = tmp.File("system") };
        var e = Assert.Throws<DatasetNotFoundException>(() => FashionMnist.Load(Split.Test, options));
        Assert.Contains("t10k-images-idx3-ubyte.gz", e.Message);
        Assert.Contains(tmp.File("explicit"), e.Message);
        Assert.Contains(tmp.File("system"), e.Message);
        Assert.Contains(tmp.File("cache"), e.Message);
        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
        Assert.Contains(FashionMnistOptions.UpstreamUrl, e.Message);
    }
}
