using System.Net;
using System.Net.Http.Headers;

namespace Depth;

/// <summary>Downloads a file with resume and an atomic rename: bytes go to "&lt;target&gt;.part";
/// an existing partial file is continued with an HTTP Range request (a server that ignores Range
/// restarts it); the finished file is verified by the caller's check and only then renamed to its
/// final name. The timeout bounds the wait for the response headers and every wait for the next
/// chunk of the body: a server that stalls mid-body ends the download with
/// <see cref="DownloadStalledException"/>, and the bytes received so far stay in the ".part" file
/// for the next attempt to resume from.</summary>
public static class Downloader
{
    /// <summary>Downloads <paramref name="url"/> to <paramref name="target"/>.
    /// <paramref name="verify"/> runs on the completed ".part" file and throws when it is wrong
    /// (the partial file is then deleted). Returns the number of bytes that were already present
    /// and resumed from.</summary> <exception cref="DownloadStalledException">No data arrived for
    /// <paramref name="timeout"/>.</exception>
    public static long Download(Uri url, string target, Action<string> verify, TimeSpan timeout, Action<string>? log = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        string part = target + ".part";
        long existing = File.Exists(part) ? new FileInfo(part).Length : 0;
        using var http = new HttpClient { Timeout = timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (existing > 0) request.Headers.Range = new RangeHeaderValue(existing, null);
        using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead);
        long resumedFrom = 0;
        FileMode mode = FileMode.Create;
        if (existing > 0 && response.StatusCode == HttpStatusCode.PartialContent)
        {
            resumedFrom = existing;
            mode = FileMode.Append;
            log?.Invoke($"resuming {url} at byte {existing:N0}");
        }
        else if (existing > 0 && response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            resumedFrom = existing;   // the partial file is already complete
            mode = FileMode.Open;
        }
        else
        {
            response.EnsureSuccessStatusCode();
            log?.Invoke($"downloading {url}");
        }
        if (mode != FileMode.Open)
            Receive(url, response, part, mode, timeout);
        try
        {
            verify(part);
        }
        catch
        {
            File.Delete(part);
            throw;
        }
        File.Move(part, target, overwrite: true);
        return resumedFrom;
    }

    /// <summary>Copies the body into <paramref name="part"/>, waiting at most
    /// <paramref name="timeout"/> for each chunk; what arrived is flushed to disk before a stall is
    /// reported.</summary>
    private static void Receive(Uri url, HttpResponseMessage response, string part, FileMode mode,
        TimeSpan timeout)
    {
        using var body = response.Content.ReadAsStream();
        using var file = new FileStream(part, mode, FileAccess.Write);
        var buffer = new byte[81920];
        while (true)
        {
            using var wait = new CancellationTokenSource(timeout);
            int n;
            try
            {
                n = body.ReadAsync(buffer, wait.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e) when (wait.IsCancellationRequested
                                      && e is OperationCanceledException or IOException)
            {
                file.Flush();
                throw new DownloadStalledException(url, part, file.Length, timeout, e);
            }
            if (n == 0) return;
            file.Write(buffer, 0, n);
        }
    }
}
