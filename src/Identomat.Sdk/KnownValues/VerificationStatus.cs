namespace Identomat.Sdk;

/// <summary>
/// The outcome of a verification (<c>result</c> of a result object). An open set: a state the SDK does not know (for
/// example an in-progress state) is kept as it was sent, so a deployed application never breaks on a new value.
/// Compared by value (ordinal).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(VerificationStatusJsonConverter))]
public readonly record struct VerificationStatus : IOpenValue
{
    /// <summary>Creates a value from its wire spelling.</summary>
    /// <param name="value">The value as written on the wire.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public VerificationStatus(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The value as written on the wire.</summary>
    public string Value { get; }

    /// <summary>The user was verified: <c>approved</c>.</summary>
    public static VerificationStatus Approved { get; } = new("approved");

    /// <summary>The verification failed: <c>rejected</c>; see <see cref="VerificationResult.RejectReason"/>.</summary>
    public static VerificationStatus Rejected { get; } = new("rejected");

    /// <summary>An operator has to review the session: <c>manual_check</c>.</summary>
    public static VerificationStatus ManualCheck { get; } = new("manual_check");

    /// <summary>True for <see cref="Approved"/>, <see cref="Rejected"/> and <see cref="ManualCheck"/>: a value the SDK knows; false for any other.</summary>
    public bool IsKnown => VerificationStatusJsonConverter.Declares(Value);

    /// <summary>
    /// How far a verification with this status has come: <see cref="VerificationStage.Final"/> for approved and
    /// rejected, <see cref="VerificationStage.InReview"/> for manual_check, <see cref="VerificationStage.InProgress"/>
    /// for any other value (a state the SDK does not know may be an in-progress one). The one definition of finality
    /// every part of the SDK uses.
    /// </summary>
    public VerificationStage Stage =>
        this == Approved || this == Rejected ? VerificationStage.Final
        : this == ManualCheck ? VerificationStage.InReview
        : VerificationStage.InProgress;

    /// <summary>Converts a wire spelling to a value.</summary>
    /// <param name="value">The value as written on the wire.</param>
    public static implicit operator VerificationStatus(string value) => new(value);

    /// <summary>The wire spelling.</summary>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>
/// The JSON converter of <see cref="VerificationStatus"/>: its wire string. Public so that an application's own source-generated
/// context can use it.
/// </summary>
public sealed class VerificationStatusJsonConverter() : WireValueJsonConverter<VerificationStatus>(v => new(v), v => v.Value);
