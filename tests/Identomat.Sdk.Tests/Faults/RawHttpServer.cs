using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Identomat.Sdk.Tests.Faults;

/// <summary>
/// A loopback TCP server that misbehaves at the socket level, which WireMock cannot do in-process: it reads each
/// request and then drops the connection, or sends a response whose body is cut short. Counts the requests it read.
/// </summary>
public sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string? _reply;
    private int _requests;

    private RawHttpServer(string? reply)
    {
        _reply = reply;
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/external-api/");

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Reads the request, then closes the connection without a byte of response.</summary>
    public static RawHttpServer DroppingConnections() => new(reply: null);

    /// <summary>Declares a 200-byte JSON body and sends 20 bytes of it before closing.</summary>
    public static RawHttpServer TruncatingBodies() =>
        new("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\nConnection: close\r\n\r\n{\"result\":\"approved\"");

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
            var stream = client.GetStream();
            var buffer = new byte[64 * 1024];
            var received = new StringBuilder();
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            Interlocked.Increment(ref _requests);
            if (_reply is not null)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(_reply));
                await stream.FlushAsync();
            }

            client.Client.LingerState = new LingerOption(true, 0);
        }
    }
}
