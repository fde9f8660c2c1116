namespace Identomat.Sdk.Testing;

/// <summary>The operations of the fake server, for counting calls and scripting faults.</summary>
public enum FakeOperation
{
    /// <summary><c>begin/</c>.</summary>
    Begin,

    /// <summary><c>result/</c>.</summary>
    Result,

    /// <summary>Any media endpoint (<c>result/card-front/</c>, <c>result/face/</c>, …).</summary>
    Media,

    /// <summary><c>delete/</c>.</summary>
    Delete,
}

/// <summary>A failure the fake server answers with instead of its normal answer; see <see cref="IdentomatFakeServer.FailNext(FakeOperation, int, FakeFault)"/>.</summary>
public sealed class FakeFault
{
    private FakeFault(string description, int? status, string? body, TimeSpan? retryAfter, TimeSpan? delay, bool drop)
    {
        Description = description;
        StatusCode = status;
        Body = body;
        RetryAfterDelay = retryAfter;
        DelayBy = delay;
        DropsConnection = drop;
    }

    /// <summary>What the fault does, for test output.</summary>
    public string Description { get; }

    internal int? StatusCode { get; }

    internal string? Body { get; }

    internal TimeSpan? RetryAfterDelay { get; }

    internal TimeSpan? DelayBy { get; }

    internal bool DropsConnection { get; }

    /// <summary>
    /// Answers with an HTTP status and a body (by default a JSON <c>{}</c>; none for 204, 205 and 304, which have no
    /// body in HTTP, whichever host serves the fake).
    /// </summary>
    /// <param name="statusCode">The HTTP status, e.g. 503: from 200 to 599 (a 1xx status is not a final answer).</param>
    /// <param name="body">The body; a JSON string such as <c>"\"SOME_ERROR\""</c> is read by the client as an error code.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The status is not the status of a final answer (200 to 599).</exception>
    /// <exception cref="ArgumentException">A body is given for 204, 205 or 304.</exception>
    public static FakeFault Status(int statusCode, string? body = null)
    {
        if (statusCode is < 200 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "The status of a final HTTP answer is from 200 to 599.");
        }

        var bodiless = statusCode is 204 or 205 or 304;
        return bodiless && !string.IsNullOrEmpty(body)
            ? throw new ArgumentException($"HTTP {statusCode} has no body.", nameof(body))
            : new($"HTTP {statusCode}", statusCode, bodiless ? string.Empty : body ?? "{}", null, null, false);
    }

    /// <summary>Answers 429 with a <c>Retry-After</c> header in whole seconds (rounded up).</summary>
    /// <param name="retryAfter">The delay the server asks for: from zero to 1 day.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative or longer than a day.</exception>
    public static FakeFault RateLimited(TimeSpan retryAfter) =>
        new($"HTTP 429, Retry-After {Checked(retryAfter, nameof(retryAfter)).TotalSeconds:F0} s", 429, "{}", retryAfter, null, false);

    /// <summary>Waits, then answers normally: with a short client <c>AttemptTimeout</c>, a timeout.</summary>
    /// <param name="delay">How long to wait: from zero to 1 day.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative or longer than a day.</exception>
    public static FakeFault Delay(TimeSpan delay) => new($"delay {Checked(delay, nameof(delay)).TotalMilliseconds:F0} ms", null, null, null, delay, false);

    /// <summary>
    /// Drops the connection: in process, an <see cref="HttpRequestException"/>; behind WireMock, an empty response. The client treats
    /// it as an incomplete answer (retried for reads, never for <c>begin/</c>).
    /// </summary>
    /// <returns>The fault.</returns>
    public static FakeFault DropConnection() => new("dropped connection", null, null, null, null, true);

    /// <inheritdoc />
    public override string ToString() => Description;

    private static TimeSpan Checked(TimeSpan value, string name) =>
        value < TimeSpan.Zero || value > TimeSpan.FromDays(1)
            ? throw new ArgumentOutOfRangeException(name, value, "A fault's delay is from zero to 1 day.")
            : value;
}
