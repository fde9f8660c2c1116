namespace Identomat.Sdk;

/// <summary>How <see cref="IdentomatClientExtensions.WaitForResultAsync"/> polls <c>result/</c>.</summary>
public sealed class ResultPollingOptions
{
    /// <summary>The wait after the first read that is not final; each later wait doubles, up to <see cref="MaxDelay"/>.</summary>
    /// <value>Default: 2 seconds. Range: 10 milliseconds to <see cref="MaxDelay"/>.</value>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two reads.</summary>
    /// <value>Default: 30 seconds. Range: <see cref="FirstDelay"/> to 1 day.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a final result before giving up with <see cref="IdentomatTimeoutException"/>.</summary>
    /// <value>Default: 30 minutes (a user has 15 minutes to start, then time to finish). Range: more than zero; <see cref="TimeSpan.MaxValue"/> waits without a deadline.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Decides whether a result is final. By default a result is final when its status is approved, rejected or
    /// manual_check; an unknown status is not final (it may be an in-progress state the SDK does not know).
    /// </summary>
    public Func<VerificationResult, bool>? IsFinal { get; set; }

    /// <summary>The clock for the waits and the deadline; <see cref="System.TimeProvider.System"/> when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>The default rule: approved, rejected or manual_check.</summary>
    /// <param name="result">The result read.</param>
    /// <returns>True when the status is one of the three final ones.</returns>
    public static bool HasFinalStatus(VerificationResult result) =>
        result?.Status is { IsKnown: true };
}

/// <summary>Helpers over <see cref="IIdentomatClient"/>.</summary>
public static class IdentomatClientExtensions
{
    /// <summary>
    /// Reads <c>result/</c> until the session's result is final, with a growing wait between reads, a deadline and
    /// cancellation. The vendor sends no completion callback: the user's return to your <c>return_url</c> (or the
    /// widget's <c>"DONE"</c> message in an iframe) tells you the flow ended; call this then, since the result can
    /// lag behind, or in a background job for users who never come back.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="sessionToken">The session token.</param>
    /// <param name="options">The polling settings; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The first final result.</returns>
    /// <exception cref="IdentomatTimeoutException">No final result within <see cref="ResultPollingOptions.Timeout"/>.</exception>
    /// <exception cref="IdentomatException">A read failed (after the client's own retries).</exception>
    public static async Task<VerificationResult> WaitForResultAsync(this IIdentomatClient client, string sessionToken, ResultPollingOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        options ??= new ResultPollingOptions();
        if (options.FirstDelay < TimeSpan.FromMilliseconds(10) || options.MaxDelay < options.FirstDelay || options.MaxDelay > TimeSpan.FromDays(1) || options.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("ResultPollingOptions: FirstDelay must be from 10 ms to MaxDelay, MaxDelay at most 1 day, and Timeout more than zero.", nameof(options));
        }

        var time = options.TimeProvider ?? TimeProvider.System;
        var isFinal = options.IsFinal ?? ResultPollingOptions.HasFinalStatus;
        var now = time.GetUtcNow();
        var deadline = options.Timeout >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + options.Timeout;
        var delay = options.FirstDelay;
        var reads = 0;
        while (true)
        {
            var result = await client.GetResultAsync(sessionToken, cancellationToken).ConfigureAwait(false);
            reads++;
            if (isFinal(result))
            {
                return result;
            }

            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new IdentomatTimeoutException(
                    $"Identomat result: no final result after {reads} read(s) in {options.Timeout} (ResultPollingOptions.Timeout); the last status was {(result.Status is { IsKnown: true } s ? s.Value : result.Status is null ? "none" : "one the SDK does not know")}.",
                    "result",
                    reads);
            }

            await Delay(time, delay < left ? delay : left, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxDelay.Ticks));
        }
    }

    private static Task Delay(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
        Task.Delay(delay, time, cancellationToken);
#else
        time.Delay(delay, cancellationToken);
#endif
}
