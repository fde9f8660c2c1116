using System.Net;
using System.Net.Sockets;

namespace Identomat.Sdk.Testing;

/// <summary>
/// The fake widget on a loopback socket of its own, so that a real browser reaches it: every request is handed to the
/// fake's in-process handler. HttpListener because it ships with .NET (no dependency on ASP.NET Core or WireMock) and
/// needs nothing but a port; bound to 127.0.0.1 only.
/// </summary>
internal sealed class FakeWidgetListener : IDisposable
{
    private readonly HttpListener _listener;
    private readonly HttpMessageInvoker _fake;
    private const int MaxUrlLength = 8 * 1024;

    private readonly CancellationTokenSource _stopping = new();

    private FakeWidgetListener(HttpListener listener, HttpMessageInvoker fake, Uri root)
    {
        _listener = listener;
        _fake = fake;
        Root = root;
        _ = Task.Run(AcceptAsync);
    }

    public Uri Root { get; }

    public Uri WidgetAddress => new(Root, "widget/");

    public static FakeWidgetListener Start(HttpMessageHandler fake)
    {
        for (var attempt = 1; ; attempt++)
        {
            // A free port is found, then bound by the listener: another process may take it in between, so try again.
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var root = new Uri($"http://127.0.0.1:{port}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(root.AbsoluteUri);
            try
            {
                // An idle connection is closed after 30 seconds; a body that drips is cut after 30 (ServeAsync).
                listener.TimeoutManager.IdleConnection = TimeSpan.FromSeconds(30);

                listener.Start();
                return new FakeWidgetListener(listener, new HttpMessageInvoker(fake), root);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Close();
        _fake.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            // Only the widget is served here (the fake's API stays in process), and a URL is short: a longer one is
            // refused before anything is built from it.
            var raw = context.Request.RawUrl ?? string.Empty;
            if (raw.Length > MaxUrlLength || !raw.StartsWith("/widget/", StringComparison.Ordinal))
            {
                response.StatusCode = raw.Length > MaxUrlLength ? 414 : 404;
                return;
            }

            // The fake's own address with this request's path and query: the in-process handler routes by path.
            var url = new Uri(new Uri("https://identomat.fake/"), context.Request.Url!.PathAndQuery);
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), url);
            if (context.Request.HasEntityBody)
            {
                using var body = new MemoryStream();
                using var slow = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                slow.CancelAfter(TimeSpan.FromSeconds(30));
                await CopyCappedAsync(context.Request.InputStream, body, slow.Token).ConfigureAwait(false);
                request.Content = new ByteArrayContent(body.ToArray());
            }

            foreach (var name in context.Request.Headers.AllKeys.OfType<string>())
            {
                request.Headers.TryAddWithoutValidation(name, context.Request.Headers.GetValues(name) ?? []);
            }

            using var answer = await _fake.SendAsync(request, _stopping.Token).ConfigureAwait(false);
            response.StatusCode = (int)answer.StatusCode;
            foreach (var header in answer.Headers.Concat(answer.Content.Headers))
            {
                if (header.Key is not ("Content-Length" or "Transfer-Encoding"))
                {
                    response.Headers[header.Key] = string.Join(", ", header.Value);
                }
            }

            var bytes = await answer.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception) when (!_stopping.IsCancellationRequested)
        {
            // A request the fake cannot read (too large, a dropped connection): a bare 400, or nothing if the client left.
            try
            {
                response.StatusCode = 400;
            }
            catch (InvalidOperationException)
            {
            }
        }
        catch (Exception)
        {
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    // The widget's forms are small: a body beyond twice the form limit is not read on (the fake answers 413 to the part it got).
    private static async Task CopyCappedAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while (to.Length <= 128 * 1024 && (read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }
}
