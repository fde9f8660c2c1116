using Identomat.Sdk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;

namespace Identomat.Sdk.Lifecycle.Tests;

[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
[NonParallelizable]
public sealed class SweeperAndRetentionTests(Engine engine) : LifecycleFixture(engine)
{
    private static SessionRequest Flow() => new SessionBuilder().AddIdentityDocument().Build();

    private Task<LifecycleApp> StartAsync(string instance = "a", Action<IdentomatLifecycleOptions>? configure = null) =>
        LifecycleApp.StartAsync(Database, Fake, options =>
        {
            options.SweepAfter = TimeSpan.FromMilliseconds(1);
            configure?.Invoke(options);
        }, instance: instance);

    private async Task MakeDueAsync()
    {
        await using var context = Database.CreateContext();
        var past = DateTime.UtcNow.AddHours(-1);
        await context.Set<IdentomatVerification>().ExecuteUpdateAsync(s => s.SetProperty(v => v.NextSweepAt, past));
    }

    [Test]
    public async Task The_sweeper_reads_sessions_nobody_re_read_until_their_verdict_is_final_and_one_instance_holds_the_lease()
    {
        await using var first = await StartAsync("first");
        await using var second = await StartAsync("second");
        var pending = await first.Verifications.StartAsync("user-1", Flow());
        var review = await first.Verifications.StartAsync("user-2", Flow());
        Fake.CompleteSession(review.SessionToken!, FakeResults.ManualCheck());
        await MakeDueAsync();

        Assert.That(await first.SweepAsync(), Is.EqualTo(2));
        Assert.That(await second.SweepAsync(), Is.EqualTo(-1), "the first instance holds the lease");
        Assert.That((await first.Verifications.FindAsync("user-2"))!.State, Is.EqualTo(VerificationState.InReview));

        Fake.CompleteSession(review.SessionToken!, FakeResults.Approved());
        Fake.CompleteSession(pending.SessionToken!, FakeResults.Rejected());
        await MakeDueAsync();
        Assert.That(await first.SweepAsync(), Is.EqualTo(2));
        Assert.That((await first.Verifications.FindAsync("user-1"))!.Status, Is.EqualTo("rejected"));
        Assert.That((await first.Verifications.FindAsync("user-2"))!.Status, Is.EqualTo("approved"));
        await MakeDueAsync();
        var reads = Fake.CallCount(FakeOperation.Result);
        Assert.That(await first.SweepAsync(), Is.Zero, "final verdicts are not read again");
        Assert.That(Fake.CallCount(FakeOperation.Result), Is.EqualTo(reads));

        // The holder dies: once its lease expires, another instance takes it.
        await using (var context = Database.CreateContext())
        {
            var expired = DateTime.UtcNow.AddMinutes(-5);
            await context.Set<IdentomatLease>().ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, expired));
        }

        Assert.That(await second.SweepAsync(), Is.Zero);
        Assert.That(await first.SweepAsync(), Is.EqualTo(-1));
    }

    [Test]
    public async Task A_session_swept_is_backed_off_and_an_abandoned_one_expires_without_filling_the_log()
    {
        await using var app = await StartAsync(configure: options => (options.AbandonAfter, options.SweepInterval, options.MaxRetryDelay) = (TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)));
        var started = await app.Verifications.StartAsync("user-3", Flow());
        await MakeDueAsync();
        Assert.That(await app.SweepAsync(), Is.EqualTo(1));
        Assert.That(await app.SweepAsync(), Is.Zero, "not due again until its backoff passed");
        await using (var context = Database.CreateContext())
        {
            var row = await context.Set<IdentomatVerification>().SingleAsync();
            Assert.That(row.Sweeps, Is.EqualTo(1));
            Assert.That(row.NextSweepAt, Is.GreaterThan(DateTime.UtcNow.AddMilliseconds(-500)));
            var longAgo = DateTime.UtcNow.AddHours(-2);
            await context.Set<IdentomatVerification>().ExecuteUpdateAsync(s => s.SetProperty(v => v.ExpiresAt, longAgo).SetProperty(v => v.NextSweepAt, longAgo));
        }

        var reads = Fake.CallCount(FakeOperation.Result);
        Assert.That(await app.SweepAsync(), Is.EqualTo(1));
        Assert.That(Fake.CallCount(FakeOperation.Result), Is.EqualTo(reads + 1), "read one last time before it is abandoned");
        var expired = await app.Verifications.FindAsync("user-3");
        Assert.That(expired!.State, Is.EqualTo(VerificationState.Expired));
        Assert.That(expired.ActiveUserId, Is.Null);
        Assert.That(app.Logs.GetSnapshot().Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning), Is.Empty);
        Assert.That(started.Id, Is.EqualTo(expired.Id));
    }

    [Test]
    public async Task Retention_purges_ended_verifications_here_and_at_the_vendor_after_its_period_and_a_dry_run_only_counts()
    {
        await using (var dry = await StartAsync(configure: options => (options.RetentionPeriod, options.RetentionDryRun) = (TimeSpan.FromDays(30), true)))
        {
            var started = await dry.Verifications.StartAsync("user-4", Flow());
            Fake.CompleteSession(started.SessionToken!, FakeResults.Approved());
            await dry.Verifications.RefreshAsync(started.SessionToken!);
            await EndedAsync(TimeSpan.FromDays(31));
            await dry.SweepAsync();
            Assert.That((await dry.Verifications.FindAsync("user-4"))!.PurgedAt, Is.Null);
            Assert.That(Fake.CallCount(FakeOperation.Delete), Is.Zero);
            Assert.That(dry.Logs.GetSnapshot().Single(r => r.Id.Id == 106).Message, Does.Contain("dry run").And.Contain("1 verification"));
        }

        // The same instance, restarted with the policy applied (it still holds the sweeper's lease).
        await using var app = await StartAsync(configure: options => options.RetentionPeriod = TimeSpan.FromDays(30));
        var young = await app.Verifications.StartAsync("user-5", Flow());
        Fake.CompleteSession(young.SessionToken!, FakeResults.Rejected());
        await app.Verifications.RefreshAsync(young.SessionToken!);
        await app.SweepAsync();

        var purged = await app.Verifications.FindAsync("user-4");
        Assert.That(purged!.PurgedAt, Is.Not.Null);
        Assert.That(purged.SessionToken, Is.Null);
        Assert.That(purged.WidgetUrl, Is.Null);
        Assert.That(purged.Status, Is.EqualTo("approved"), "the decision stays");
        Assert.That(Fake.CallCount(FakeOperation.Delete), Is.EqualTo(1));
        Assert.That((await app.Verifications.FindAsync("user-5"))!.PurgedAt, Is.Null, "ended a moment ago");
        await using var context = Database.CreateContext();
        Assert.That(await context.Set<IdentomatVerificationEvent>().CountAsync(e => e.VerificationId == purged.Id && e.Cause == VerificationCause.Purge), Is.EqualTo(1));
    }

    [Test]
    public async Task Erasure_honours_the_minimum_retention_by_default_and_says_which_rule_won()
    {
        await using var app = await StartAsync(configure: options => options.MinimumRetention = TimeSpan.FromDays(365 * 5));
        var started = await app.Verifications.StartAsync("user-6", Flow());
        Fake.CompleteSession(started.SessionToken!, FakeResults.Approved());
        await app.Verifications.RefreshAsync(started.SessionToken!);

        var kept = await app.Verifications.EraseAsync("user-6");
        Assert.That(kept.Rule, Is.EqualTo(ErasureRule.MinimumRetention));
        Assert.That((kept.Erased, kept.Kept), Is.EqualTo((0, 1)));
        Assert.That(kept.KeptUntil, Is.GreaterThan(DateTime.UtcNow.AddDays(365 * 5 - 1)));
        Assert.That(Fake.CallCount(FakeOperation.Delete), Is.Zero);

        var erased = await app.Verifications.EraseAsync("user-6", overrideMinimumRetention: true);
        Assert.That((erased.Erased, erased.Kept, erased.Rule), Is.EqualTo((1, 0, ErasureRule.Request)));
        Assert.That(Fake.CallCount(FakeOperation.Delete), Is.EqualTo(1));
        Assert.That(await app.Verifications.FindAsync("user-6"), Is.Null, "the user id is gone from the row");
        await using var context = Database.CreateContext();
        var row = await context.Set<IdentomatVerification>().SingleAsync();
        Assert.That((row.UserId, row.Status, row.SessionToken), Is.EqualTo(((string?)null, "approved", (string?)null)), "the decision stays, the person does not");
    }

    [Test]
    public async Task The_health_check_reports_dead_letters()
    {
        await using var app = await StartAsync();
        var check = new HealthCheckRegistration("x", _ => null!, null, null);
        var services = new ServiceCollection();
        services.AddHealthChecks().AddIdentomatLifecycle();
        var registration = services.BuildServiceProvider().GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations.Single();
        var health = registration.Factory(app.Services);
        Assert.That((await health.CheckHealthAsync(new HealthCheckContext { Registration = check })).Status, Is.EqualTo(HealthStatus.Healthy));

        await using (var context = Database.CreateContext())
        {
            context.Add(new IdentomatInboxMessage { DeduplicationKey = new string('a', 64), Type = "x", State = InboxState.DeadLettered, Payload = "{}" });
            await context.SaveChangesAsync();
        }

        var degraded = await health.CheckHealthAsync(new HealthCheckContext { Registration = check });
        Assert.That(degraded.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(degraded.Description, Does.Contain("dead-lettered"));
    }

    private async Task EndedAsync(TimeSpan ago)
    {
        await using var context = Database.CreateContext();
        var ended = DateTime.UtcNow - ago;
        await context.Set<IdentomatVerification>().ExecuteUpdateAsync(s => s.SetProperty(v => v.EndedAt, ended));
    }
}
