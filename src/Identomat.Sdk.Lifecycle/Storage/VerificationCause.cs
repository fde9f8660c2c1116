namespace Identomat.Sdk.Lifecycle;

/// <summary>What caused an audit event (<see cref="IdentomatVerificationEvent.Cause"/>).</summary>
public static class VerificationCause
{
    /// <summary>A session was started for the user.</summary>
    public const string Start = "start";

    /// <summary>A start failed (<c>begin/</c> refused or unreachable): the user may start again.</summary>
    public const string StartFailed = "start-failed";

    /// <summary>A read after the user came back (the return page, the iframe's <c>"DONE"</c>).</summary>
    public const string Return = "return";

    /// <summary>A read after a callback about the session.</summary>
    public const string Callback = "callback";

    /// <summary>A read by the sweeper.</summary>
    public const string Sweep = "sweep";

    /// <summary>A read the application asked for.</summary>
    public const string Refresh = "refresh";

    /// <summary>The session expired without a verdict.</summary>
    public const string Expiry = "expiry";

    /// <summary>
    /// A newer read disagreed with the final verdict (an operator reversed it at the vendor): recorded and raised, not
    /// applied. Decide in your application what a reversal means.
    /// </summary>
    public const string ReversalNotApplied = "reversal-not-applied";

    /// <summary>The retention policy purged its personal data (here and at the vendor).</summary>
    public const string Purge = "purge";

    /// <summary>The user asked for erasure, and it was done.</summary>
    public const string Erasure = "erasure";
}
