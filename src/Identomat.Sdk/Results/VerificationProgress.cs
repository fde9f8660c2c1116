namespace Identomat.Sdk;

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
