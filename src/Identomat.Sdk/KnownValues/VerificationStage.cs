namespace Identomat.Sdk;

/// <summary>
/// How far a verification has come, from its result's status (<see cref="VerificationStatus.Stage"/>,
/// <see cref="VerificationResult.Stage"/>). Ordered: a later stage is greater. Two points matter to an application:
/// <em>the user's part is over</em> (<see cref="InReview"/> or later: a return page stops waiting) and <em>the
/// verdict is final</em> (<see cref="Final"/>: nothing needs to read it again).
/// </summary>
public enum VerificationStage
{
    /// <summary>No verdict yet: the result has no status, or one the SDK does not know. The user may still be in the flow.</summary>
    InProgress,

    /// <summary>The user's part is over and an operator reviews it (<c>manual_check</c>); the verdict may still come.</summary>
    InReview,

    /// <summary>The verdict is final (<c>approved</c> or <c>rejected</c>).</summary>
    Final,
}
