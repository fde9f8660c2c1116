using Identomat.Sdk.Internal;

namespace Identomat.Sdk;

/// <summary>How <see cref="IdentomatClientExtensions.WaitForResultAsync"/> reads <c>result/</c> until a stage is reached.</summary>
public sealed class ResultPollingOptions
{
    /// <summary>The stage to wait for.</summary>
    /// <value>
    /// Default: <see cref="VerificationStage.InReview"/>: the wait ends when the user's part is over (in review, or
    /// final). <see cref="VerificationStage.Final"/> waits for the verdict itself (approved or rejected).
    /// <see cref="VerificationStage.InProgress"/> is not a stage to wait for.
    /// </value>
    public VerificationStage Until { get; set; } = VerificationStage.InReview;

    /// <summary>The wait after the first read that has not reached the stage; each later wait doubles, up to <see cref="MaxDelay"/>.</summary>
    /// <value>Default: 2 seconds. Range: 10 milliseconds to <see cref="MaxDelay"/>.</value>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two reads.</summary>
    /// <value>Default: 30 seconds. Range: <see cref="FirstDelay"/> to 1 day.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The deadline of the whole wait, counted from its start: reads, waits between them and the read in flight
    /// included (a read still running at the deadline is abandoned).
    /// </summary>
    /// <value>
    /// Default: 30 minutes (a user has 15 minutes to start, then time to finish). Range: more than zero; 49 days or
    /// more (<see cref="TimeSpan.MaxValue"/>) waits without a deadline.
    /// </value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The clock for the waits and the deadline.</summary>
    /// <value>Default: null (<see cref="System.TimeProvider.System"/>).</value>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Every problem with these settings, one sentence each, naming the setting; empty when they are usable.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Until is not (VerificationStage.InReview or VerificationStage.Final))
        {
            errors.Add($"Until must be InReview or Final; it is {Until}.");
        }

        if (FirstDelay < TimeSpan.FromMilliseconds(10) || FirstDelay > MaxDelay)
        {
            errors.Add($"FirstDelay must be from 10 ms to MaxDelay ({Durations.Show(MaxDelay)}); it is {Durations.Show(FirstDelay)}.");
        }

        if (MaxDelay > TimeSpan.FromDays(1))
        {
            errors.Add($"MaxDelay must be at most 1 day; it is {Durations.Show(MaxDelay)}.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add($"Timeout must be more than zero; it is {Durations.Show(Timeout)}.");
        }

        return errors;
    }
}

/// <summary>
/// What <see cref="IdentomatClientExtensions.WaitForResultAsync"/> saw: whether the stage it waited for was reached
/// before the deadline, and the last result it read. Running out of time is not an error: a user still in the flow is
/// the normal case (answer your return page with "still in progress" and read again later).
/// </summary>
public sealed class VerificationProgress
{
    internal VerificationProgress(bool hasCompleted, VerificationResult? lastResult, int reads)
    {
        HasCompleted = hasCompleted;
        LastResult = lastResult;
        Reads = reads;
    }

    /// <summary>True when the stage waited for (<see cref="ResultPollingOptions.Until"/>) was reached; false when the deadline came first.</summary>
    public bool HasCompleted { get; }

    /// <summary>The last result read; null when no read finished before the deadline.</summary>
    public VerificationResult? LastResult { get; }

    /// <summary>The stage of <see cref="LastResult"/>; <see cref="VerificationStage.InProgress"/> when there is none.</summary>
    public VerificationStage Stage => LastResult?.Stage ?? VerificationStage.InProgress;

    /// <summary>How many reads finished.</summary>
    public int Reads { get; }

    /// <summary>Whether it completed, the stage and the read count: no personal data.</summary>
    public override string ToString() => $"VerificationProgress {{ HasCompleted = {HasCompleted}, Stage = {Stage}, Reads = {Reads} }}";
}

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
    public static async Task<VerificationProgress> WaitForResultAsync(this IIdentomatClient client, string sessionToken, ResultPollingOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

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
