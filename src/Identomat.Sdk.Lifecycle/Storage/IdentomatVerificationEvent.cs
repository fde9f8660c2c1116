namespace Identomat.Sdk.Lifecycle;

/// <summary>One entry of a verification's audit trail: when, from, to and what caused it. No personal data.</summary>
public sealed class IdentomatVerificationEvent
{
    /// <summary>The row's key.</summary>
    public long Id { get; set; }

    /// <summary>The verification (<see cref="IdentomatVerification.Id"/>).</summary>
    public Guid VerificationId { get; set; }

    /// <summary>When (UTC, the database's clock).</summary>
    public DateTime At { get; set; }

    /// <summary>The state before.</summary>
    public VerificationState From { get; set; }

    /// <summary>The state after (the same as <see cref="From"/> for an event that changes no state, such as a purge).</summary>
    public VerificationState To { get; set; }

    /// <summary>The vendor's status after, when one was read.</summary>
    public string? Status { get; set; }

    /// <summary>What caused it: one of <see cref="VerificationCause"/>'s values.</summary>
    public string Cause { get; set; } = string.Empty;
}
