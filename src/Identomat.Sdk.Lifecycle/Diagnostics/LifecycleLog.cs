namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// The lifecycle's log events (ids 100–199). Ids, states and exception types only: never a payload, a phone number, a
/// token, or the exception of an application's handler (its message may quote what the handler was given).
/// </summary>
internal static partial class LifecycleLog
{
    [LoggerMessage(100, LogLevel.Warning, "A stored Identomat callback ({Type}) failed in its handlers on attempt {Attempt} ({ExceptionType}); retried at {NextAttemptAt:O}")]
    public static partial void HandlingFailed(ILogger logger, string type, int attempt, DateTime nextAttemptAt, string exceptionType);

    [LoggerMessage(101, LogLevel.Error, "A stored Identomat callback ({Type}) failed {Attempts} times ({ExceptionType}) and is dead-lettered; once its handler is fixed, replay it: IIdentomatInbox.ReplayAsync(\"{DeduplicationKey}\")")]
    public static partial void DeadLettered(ILogger logger, string type, string deduplicationKey, int attempts, string exceptionType);

    [LoggerMessage(102, LogLevel.Warning, "The claim on {Count} stored callback(s) ended while their batch was handled (another instance took them, or they were purged): they may be handled again (at least once)")]
    public static partial void ClaimLost(ILogger logger, int count);

    [LoggerMessage(103, LogLevel.Warning, "Verification {VerificationId} is final ({Status}) but a newer read says {NewStatus}: recorded in the audit trail, not applied")]
    public static partial void ReversalNotApplied(ILogger logger, Guid verificationId, string? status, string? newStatus);

    [LoggerMessage(104, LogLevel.Debug, "Verification {VerificationId} was not read ({Reason})")]
    public static partial void ReadSkipped(ILogger logger, Guid verificationId, string reason);

    [LoggerMessage(105, LogLevel.Warning, "The sweeper could not read verification {VerificationId} ({ExceptionType}); it tries again later")]
    public static partial void SweepFailed(ILogger logger, Guid verificationId, string exceptionType);

    [LoggerMessage(110, LogLevel.Warning, "The vendor's copy of verification {VerificationId} could not be deleted ({ExceptionType}); retention tries again next cycle")]
    public static partial void VendorDeleteFailed(ILogger logger, Guid verificationId, string exceptionType);

    [LoggerMessage(106, LogLevel.Information, "Retention {Mode}: {Count} verification(s) ended before {Cutoff:O} purged, {Inbox} handled callback(s) deleted")]
    public static partial void Retained(ILogger logger, string mode, int count, DateTime cutoff, int inbox);

    [LoggerMessage(107, LogLevel.Error, "The Identomat inbox could not store a callback: the sender is answered 503 and delivers it again")]
    public static partial void StoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(108, LogLevel.Error, "The Identomat lifecycle's {Job} failed; it runs again after its interval")]
    public static partial void JobFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(109, LogLevel.Information, "This instance ({Instance}) now holds the Identomat sweeper's lease")]
    public static partial void LeaseTaken(ILogger logger, string instance);
}
