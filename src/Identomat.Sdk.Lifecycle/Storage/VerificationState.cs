namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// Where a user's verification is. Ordered, and a verification only moves forward: a late read, a replay or an older
/// answer never takes it back. <see cref="InProgress"/> and <see cref="InReview"/> are normal states, not errors.
/// </summary>
public enum VerificationState
{
    /// <summary>A session is being started (<c>begin/</c> in flight); the user's other tabs wait for it.</summary>
    Starting = 0,

    /// <summary>The user may be in the flow: no verdict yet (<see cref="VerificationStage.InProgress"/>).</summary>
    InProgress = 1,

    /// <summary>The user's part is over; an operator reviews it (<see cref="VerificationStage.InReview"/>).</summary>
    InReview = 2,

    /// <summary>The verdict is final (<see cref="VerificationStage.Final"/>): see <see cref="IdentomatVerification.Status"/>.</summary>
    Final = 3,

    /// <summary>No verdict came and the session can no longer be used: expired unstarted, or abandoned by the user.</summary>
    Expired = 4,
}
