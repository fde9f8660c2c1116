namespace Identomat.Sdk.Lifecycle;

/// <summary>
/// A lease row on the database's clock: taken when free or expired, renewed by its holder, so exactly one instance does
/// the job and another takes over when the holder dies. Conditional updates and the row's primary key decide every race.
/// </summary>
internal static class Lease
{
    public const string Sweeper = "identomat-sweeper";

    /// <summary>Takes or renews the lease for <paramref name="holder"/>; false when another instance holds it.</summary>
    public static Task<bool> HoldAsync(LifecycleDatabase database, string name, string holder, TimeSpan duration, CancellationToken cancellationToken) =>
        database.RunAsync(async (context, _) =>
        {
            var now = await database.NowAsync(context, cancellationToken).ConfigureAwait(false);
            var until = now + duration;
            var leases = context.Set<IdentomatLease>();
            var held = await leases.Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt < now))
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellationToken)
                .ConfigureAwait(false);
            if (held == 1)
            {
                return true;
            }

            if (await leases.AnyAsync(l => l.Name == name, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            // False when another instance created it first.
            return await LifecycleDatabase.TryInsertAsync(context, new IdentomatLease { Name = name, Holder = holder, ExpiresAt = until }, cancellationToken).ConfigureAwait(false);
        });

    /// <summary>
    /// Gives the lease up (a clean stop): it expires now, on the database's clock, so another instance takes it at
    /// once, and the health check still sees how long nobody has held it.
    /// </summary>
    public static Task ReleaseAsync(LifecycleDatabase database, string name, string holder) =>
        database.RunAsync(async (context, _) =>
        {
            var now = await database.NowAsync(context, CancellationToken.None).ConfigureAwait(false);
            return await context.Set<IdentomatLease>().Where(l => l.Name == name && l.Holder == holder)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, now), CancellationToken.None).ConfigureAwait(false);
        });
}
