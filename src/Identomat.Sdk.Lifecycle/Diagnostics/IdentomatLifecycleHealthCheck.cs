using Identomat.Sdk.Lifecycle;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the lifecycle's health check.</summary>
public static class IdentomatLifecycleHealthCheckBuilderExtensions
{
    /// <summary>
    /// Adds a check named <c>identomat-lifecycle</c>: unhealthy when the database cannot be reached, degraded when
    /// callbacks are dead-lettered or the sweeper's lease has not been renewed by any instance for two lease durations.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddIdentomatLifecycle(this IHealthChecksBuilder builder, string name = "identomat-lifecycle")
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(name, provider => new LifecycleHealthCheck(provider.GetRequiredService<LifecycleDatabase>()), null, ["identomat"]));
    }

    private sealed class LifecycleHealthCheck(LifecycleDatabase database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var options = database.Options;
            try
            {
                return await database.RunAsync(async (db, _) =>
                {
                    var now = await database.NowAsync(db, cancellationToken).ConfigureAwait(false);
                    var deadLettered = await db.Set<IdentomatInboxMessage>().CountAsync(m => m.State == InboxState.DeadLettered, cancellationToken).ConfigureAwait(false);
                    var lease = await db.Set<IdentomatLease>().AsNoTracking().SingleOrDefaultAsync(l => l.Name == Lease.Sweeper, cancellationToken).ConfigureAwait(false);
                    var data = new Dictionary<string, object> { ["deadLettered"] = deadLettered };
                    if (deadLettered > 0)
                    {
                        return HealthCheckResult.Degraded($"{deadLettered} Identomat callback(s) are dead-lettered: fix their handler and replay them.", data: data);
                    }

                    if (options.EnableSweeper && lease is not null && now - lease.ExpiresAt > options.LeaseDuration)
                    {
                        return HealthCheckResult.Degraded("No instance has renewed the Identomat sweeper's lease: pending sessions are not re-read.", data: data);
                    }

                    return HealthCheckResult.Healthy(data: data);
                }).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("The Identomat lifecycle's database cannot be reached.", ex);
            }
        }
    }
}
