using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Identomat.Sdk.Http;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Media;
using Identomat.Sdk;

namespace Identomat.Sdk.Tests;

/// <summary>A context that counts the continuations posted to it (and runs them on the thread pool).</summary>
internal sealed class RecordingContext : SynchronizationContext
{
    public StrongBox<int> Posts { get; } = new();

    /// <summary>Starts <paramref name="start"/> with this context current; awaiting the task is left to the caller, after.</summary>
    public static (T Task, StrongBox<int> Posts) Run<T>(Func<T> start)
        where T : Task
    {
        var context = new RecordingContext();
        var previous = Current;
        SetSynchronizationContext(context);
        try
        {
            return (start(), context.Posts);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        Interlocked.Increment(ref Posts.Value);
        base.Post(d, state);
    }
}

/// <summary>A body whose every read completes later, on another thread: the reader's await really suspends.</summary>
internal sealed class SlowStream(byte[]? content = null) : Identomat.Sdk.Internal.ReadOnlyStream
{
    private readonly MemoryStream _content = new(content ?? new byte[64]);

    public override int Read(byte[] buffer, int offset, int count) => _content.Read(buffer, offset, count);

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        await ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        return _content.Read(buffer.Span);
    }

    protected override void Dispose(bool disposing)
    {
        _content.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>A body with no declared length, as a chunked answer has: forward-only, so no Content-Length is computed for it.</summary>
internal sealed class UndeclaredBody(byte[] body) : Identomat.Sdk.Internal.ReadOnlyStream
{
    private readonly MemoryStream _body = new(body);

    public override int Read(byte[] buffer, int offset, int count) => _body.Read(buffer, offset, count);
}
