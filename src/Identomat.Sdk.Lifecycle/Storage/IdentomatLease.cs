namespace Identomat.Sdk.Lifecycle;

/// <summary>A lease in the database: which instance does a singular job (the sweeper) until when, on the database's clock.</summary>
public sealed class IdentomatLease
{
    /// <summary>The job's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The instance holding it.</summary>
    public string Holder { get; set; } = string.Empty;

    /// <summary>Until when it holds; after it, another instance takes it (its holder died or stalled).</summary>
    public DateTime ExpiresAt { get; set; }
}
