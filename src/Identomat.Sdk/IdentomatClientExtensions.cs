namespace Identomat.Sdk;

/// <summary>Helpers over <see cref="IIdentomatClient"/>.</summary>
public static class IdentomatClientExtensions
{
    /// <summary>
    /// Reads <c>result/</c> until the verification reaches a stage (by default until the user's part is over), with a
    /// growing wait between reads, a deadline for the whole wait and cancellation. The vendor sends no completion
    /// callback: the user's return to your <c>return_url</c> (or the widget's <c>"DONE"</c> message in an iframe) tells
    /// you the flow ended; call this then, since the result can lag behind, or in a background job.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="sessionToken">The session token.</param>
    /// <param name="options">The polling settings; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the wait (an <see cref="OperationCanceledException"/>, unlike the deadline).</param>
    /// <returns>
    /// Whether the stage was reached (<see cref="VerificationProgress.HasCompleted"/>) and the last result read. The
    /// deadline is not an exception: check <see cref="VerificationProgress.HasCompleted"/>.
    /// </returns>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem).</exception>
    /// <exception cref="IdentomatException">A read failed (after the client's own retries).</exception>
    public static async Task<VerificationProgress> WaitForResultAsync(
        this IIdentomatClient client, string sessionToken, ResultPollingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);

        options ??= new ResultPollingOptions();
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException("Invalid ResultPollingOptions: " + string.Join(" ", errors), nameof(options));
        }

        var time = options.TimeProvider ?? TimeProvider.System;
        // A deadline beyond what a timer can hold (about 49 days) is no deadline.
        using var deadline = options.Timeout >= MaxTimer ? null : Deadline(time, options.Timeout);
        using var linked = deadline is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var token = linked?.Token ?? cancellationToken;
        var delay = options.FirstDelay;
        VerificationResult? last = null;
        var reads = 0;
        try
        {
            while (true)
            {
                last = await client.GetResultAsync(sessionToken, token).ConfigureAwait(false);
                reads++;
                if (last.Stage >= options.Until)
                {
                    return new VerificationProgress(hasCompleted: true, last, reads);
                }

                await Delay(time, delay, token).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxDelay.Ticks));
            }
        }
        catch (OperationCanceledException) when (deadline?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            // The deadline, during a read or a wait: not yet, which is a value.
            return new VerificationProgress(hasCompleted: false, last, reads);
        }
    }

    private static readonly TimeSpan MaxTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private static CancellationTokenSource Deadline(TimeProvider time, TimeSpan timeout) =>
#if NET8_0_OR_GREATER
        new(timeout, time);
#else
        time.CreateCancellationTokenSource(timeout);
#endif

    private static Task Delay(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
        Task.Delay(delay, time, cancellationToken);
#else
        time.Delay(delay, cancellationToken);
#endif
}
