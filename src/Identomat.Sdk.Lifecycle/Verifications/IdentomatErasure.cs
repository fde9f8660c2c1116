namespace Identomat.Sdk.Lifecycle;

/// <summary>Which rule decided an erasure.</summary>
public enum ErasureRule
{
    /// <summary>The user's request: everything was erased (or nothing was stored).</summary>
    Request,

    /// <summary>The minimum retention: some verifications are kept until <see cref="IdentomatErasure.KeptUntil"/>.</summary>
    MinimumRetention,
}

/// <summary>What <see cref="IIdentomatVerifications.EraseAsync"/> did.</summary>
/// <param name="Erased">How many verifications were erased.</param>
/// <param name="Kept">How many the minimum retention kept.</param>
/// <param name="Rule">Which rule won.</param>
/// <param name="KeptUntil">When the last kept one may be erased (UTC), when some were kept.</param>
public sealed record IdentomatErasure(int Erased, int Kept, ErasureRule Rule, DateTime? KeptUntil);
