namespace Identomat.Sdk.Lifecycle;

/// <summary>What a handler knows about the stored callback besides its content.</summary>
public sealed class IdentomatCallbackContext
{
    internal IdentomatCallbackContext(string idempotencyKey, string account, int attempt, string? userId)
    {
        IdempotencyKey = idempotencyKey;
        Account = account;
        Attempt = attempt;
        UserId = userId;
    }

    /// <summary>
    /// The callback's <see cref="IdentomatCallback.DeduplicationKey"/>: pass it as the idempotency key of your side
    /// effect, so a second run (after a crash before the commit) does not repeat it.
    /// </summary>
    public string IdempotencyKey { get; }

    /// <summary>The account whose callback key authenticated it.</summary>
    public string Account { get; }

    /// <summary>Which attempt this is: 1 the first time, more after failures.</summary>
    public int Attempt { get; }

    /// <summary>The user whose verification the callback's session is, when the session was started through the lifecycle.</summary>
    public string? UserId { get; }

    /// <summary>The attempt and account: the key and the user are left out.</summary>
    public override string ToString() => $"IdentomatCallbackContext {{ Account = {Account}, Attempt = {Attempt} }}";
}
