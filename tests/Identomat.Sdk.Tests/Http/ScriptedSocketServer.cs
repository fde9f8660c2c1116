using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Identomat.Sdk.Tests.Http;

/// <summary>A request as it arrived on the socket: its line, its headers as sent, its body.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public bool Has(string header) => Headers.ContainsKey(header);
}

/// <summary>
/// A loopback HTTP/1.1 server that answers each request with whatever bytes a script writes to the socket, at the pace
/// it chooses: compressed bodies, cut chunks, resets, stalls. Records every request's headers as they arrived on the
/// wire (what an HttpClient handler added included). One request per connection.
/// </summary>
public sealed class ScriptedSocketServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<ReceivedRequest, NetworkStream, CancellationToken, Task> _respond;

    private ScriptedSocketServer(Func<ReceivedRequest, NetworkStream, CancellationToken, Task> respond)
    {
        _respond = respond;
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/external-api/");

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public static ScriptedSocketServer Start(Func<ReceivedRequest, NetworkStream, CancellationToken, Task> respond) => new(respond);

    /// <summary>Answers every request with the same head and body, then closes the connection.</summary>
    public static ScriptedSocketServer Answering(string head, byte[] body) =>
        Start(async (_, stream, token) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n\r\n"), token);
            await stream.WriteAsync(body, token);
        });

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequest(stream);
                if (request is null)
                {
                    return;
                }

                Requests.Enqueue(request);
                await _respond(request, stream, _stop.Token);
                await stream.FlushAsync();
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away or the test ended: nothing to answer.
            }
        }
    }

    private static async Task<ReceivedRequest?> ReadRequest(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[8192];
        int end;
        while ((end = IndexOfHeadEnd(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return null;
            }

            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        var head = Encoding.ASCII.GetString(received.GetRange(0, end).ToArray()).Split("\r\n");
        var line = head[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in head.Skip(1))
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            headers[header[..colon].Trim()] = header[(colon + 1)..].Trim();
        }

        var body = received.Skip(end + 4).ToList();
        var length = headers.TryGetValue("Content-Length", out var declared) ? int.Parse(declared, System.Globalization.CultureInfo.InvariantCulture) : 0;
        while (body.Count < length)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return null;
            }

            body.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        return new ReceivedRequest(line[0], line[1], headers, body.ToArray());
    }

    private static int IndexOfHeadEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
