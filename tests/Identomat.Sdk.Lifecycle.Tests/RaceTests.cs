using System.Collections.Concurrent;
using System.Net;
using Identomat.Sdk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Identomat.Sdk.Lifecycle.Tests;

/// <summary>The set-up the race tests share: apps with a counting handler.</summary>
public abstract class RaceFixture(Engine engine) : LifecycleFixture(engine)
{
    protected const string Otp = "one-time-password-request";

    [SetUp]
    public void ResetCounts() => CountingHandler.Reset();

    protected static SessionRequest Flow() => new SessionBuilder().AddIdentityDocument().Build();

    protected Task<LifecycleApp> App(string instance, Action<IdentomatLifecycleOptions>? configure = null) =>
        LifecycleApp.StartAsync(Database, Fake, configure, l => l.AddCallbackHandler<OneTimePasswordRequestCallback, CountingHandler>(), instance);

    protected string Body(string session, string text = "code") =>
        Fake.CreateCallbackBody(Otp, session, new Dictionary<string, string> { ["phoneNumber"] = "+1", ["text"] = text });

    public sealed class CountingHandler : IIdentomatCallbackHandler<OneTimePasswordRequestCallback>
    {
        public static readonly ConcurrentQueue<string> Calls = new();
        private static Func<Task>? _onFirst;
        private static int _slowDone;

        /// <summary>The session whose first handling takes 1.5 s.</summary>
        public static string? SlowSession { get; set; }

        /// <summary>Runs once, at the start of the next handling.</summary>
        public static Func<Task>? OnFirst { set => Volatile.Write(ref _onFirst, value); }

        public static void Reset()
        {
            Calls.Clear();
            SlowSession = null;
            _onFirst = null;
            _slowDone = 0;
        }

        public async Task HandleAsync(OneTimePasswordRequestCallback callback, IdentomatCallbackContext context, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _onFirst, null) is { } first)
            {
                await first();
            }

            if (callback.SessionId == SlowSession && Interlocked.Exchange(ref _slowDone, 1) == 0)
            {
                await Task.Delay(1500, cancellationToken);
            }

            Calls.Enqueue(callback.SessionId!);
        }
    }
}

/// <summary>Races within one instance, on either engine.</summary>
[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
[NonParallelizable]
public sealed class RaceTests(Engine engine) : RaceFixture(engine)
{
    [Test]
    public async Task A_row_deleted_mid_batch_does_not_strand_the_rest_of_the_batch()
    {
        await using var app = await App("a");
        var victim = await app.Verifications.StartAsync("user-2", Flow());
        using (await app.PostCallbackAsync(Body("s1")))
        using (await app.PostCallbackAsync(Body(victim.SessionToken!)))
        using (await app.PostCallbackAsync(Body("s3")))
        {
        }

        // While the first is handled, the user of the second's session is erased (another request, or the handler itself).
        CountingHandler.OnFirst = () => app.Verifications.EraseAsync("user-2");
        Exception? failure = null;
        try
        {
            await app.ProcessInboxAsync();
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        var again = await app.ProcessInboxAsync();
        await using var context = Database.CreateContext();
        var rows = await context.Set<IdentomatInboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync();
        TestContext.Out.WriteLine($"first pass: {failure?.GetType().Name} {failure?.Message}; second pass claimed {again}; rows: {string.Join(" | ", rows.Select(r => $"{r.SessionId?[..Math.Min(4, r.SessionId.Length)]} {r.State} {r.ClaimedBy} {r.ClaimedUntil:O}"))}; calls {string.Join(",", CountingHandler.Calls)}");
        Assert.That(CountingHandler.Calls, Does.Contain("s3"), "s3 stays claimed (HandlingClaim, 5 min by default) after the batch threw");
    }

    [Test]
    public async Task One_session_the_vendor_refuses_to_delete_does_not_block_retention_of_all_others()
    {
        await using var app = await LifecycleApp.StartAsync(Database, Fake, o => (o.RetentionPeriod, o.SweepAfter) = (TimeSpan.FromDays(30), TimeSpan.FromDays(1)));
        var poison = await app.Verifications.StartAsync("poison", Flow());
        var normal = await app.Verifications.StartAsync("normal", Flow());
        foreach (var v in new[] { poison, normal })
        {
            Fake.CompleteSession(v.SessionToken!, FakeResults.Approved());
            await app.Verifications.RefreshAsync(v.SessionToken!);
        }

        await using (var context = Database.CreateContext())
        {
            var older = DateTime.UtcNow.AddDays(-41);
            var old = DateTime.UtcNow.AddDays(-40);
            await context.Set<IdentomatVerification>().Where(v => v.Id == poison.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.EndedAt, older));
            await context.Set<IdentomatVerification>().Where(v => v.Id == normal.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.EndedAt, old));
        }

        Fake.FailNext(FakeOperation.Delete, 100, FakeFault.Status(400, "\"NOT_ALLOWED\""), poison.SessionToken!);
        for (var i = 0; i < 3; i++)
        {
            try
            {
                await app.SweepAsync();
                TestContext.Out.WriteLine("cycle ok");
            }
            catch (Exception ex)
            {
                TestContext.Out.WriteLine($"cycle {i}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        var after = await app.Verifications.FindAsync("normal");
        TestContext.Out.WriteLine($"normal purged: {after!.PurgedAt is not null}");
        Assert.That(after.PurgedAt, Is.Not.Null, "one poison row at the head of the retention order blocks every later purge, forever");
    }

    [Test]
    public async Task A_session_of_an_account_no_longer_configured_does_not_abort_the_sweep_cycle()
    {
        await using var app = await LifecycleApp.StartAsync(Database, Fake, o => (o.RetentionPeriod, o.SweepAfter, o.SweepConcurrency) = (TimeSpan.FromDays(30), TimeSpan.FromMilliseconds(1), 1));
        var normal = await app.Verifications.StartAsync("normal", Flow());
        Fake.CompleteSession(normal.SessionToken!, FakeResults.Approved());
        await using (var context = Database.CreateContext())
        {
            var past = DateTime.UtcNow.AddHours(-1);
            context.Add(new IdentomatVerification
            {
                Id = Guid.NewGuid(), UserId = "ghost", ActiveUserId = "ghost", Account = "removed-account", SessionToken = "ghost-token",
                State = VerificationState.InProgress, CreatedAt = past, UpdatedAt = past, ExpiresAt = DateTime.UtcNow.AddMinutes(10), NextSweepAt = past.AddMinutes(-1),
            });
            await context.SaveChangesAsync();
            await context.Set<IdentomatVerification>().Where(v => v.Id == normal.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.NextSweepAt, past));
        }

        try
        {
            TestContext.Out.WriteLine("read " + await app.SweepAsync());
        }
        catch (Exception ex)
        {
            TestContext.Out.WriteLine($"sweep: {ex.GetType().Name}: {ex.Message}");
        }

        var after = await app.Verifications.FindAsync("normal");
        TestContext.Out.WriteLine("normal: " + after!.State);
        Assert.That(after.State, Is.EqualTo(VerificationState.Final));
    }
}

/// <summary>Races between instances of a web farm: PostgreSQL, the engine for several instances.</summary>
[NonParallelizable]
public sealed class WebFarmRaceTests() : RaceFixture(Engine.PostgreSql)
{
    [Test]
    public async Task A_committed_callback_is_not_handled_again_by_the_instance_whose_batch_claim_expired()
    {
        await using var a = await App("a", o => o.HandlingClaim = TimeSpan.FromMilliseconds(500));
        await using var b = await App("b", o => o.HandlingClaim = TimeSpan.FromMilliseconds(500));
        foreach (var s in new[] { "slow", "s2", "s3" })
        {
            using var r = await a.PostCallbackAsync(Body(s));
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        CountingHandler.SlowSession = "slow";
        var first = a.ProcessInboxAsync();   // claims all three, blocks 1.5 s in the first handler
        await Task.Delay(800);
        var second = await b.ProcessInboxAsync();   // claims expired: takes s2, s3 and commits them
        var firstCount = await first;
        await using var context = Database.CreateContext();
        var rows = await context.Set<IdentomatInboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync();
        TestContext.Out.WriteLine($"a claimed {firstCount}, b claimed {second}; handler calls by session: {string.Join(", ", CountingHandler.Calls.GroupBy(c => c).Select(g => g.Key + "=" + g.Count()))}; states {string.Join(",", rows.Select(r => r.State))}");
        TestContext.Out.WriteLine(string.Join("\n", a.Logs.GetSnapshot().Where(l => l.Id.Id == 102).Select(l => l.Message)));
        Assert.That(CountingHandler.Calls.Count(c => c == "s2"), Is.EqualTo(1), "s2 ran again after b committed it");
    }

    [Test]
    public async Task The_lease_is_not_lost_mid_page_so_two_instances_never_sweep_at_once()
    {
        Action<IdentomatLifecycleOptions> options = o => (o.LeaseDuration, o.SweepConcurrency, o.SweepAfter) = (TimeSpan.FromSeconds(1), 1, TimeSpan.FromMilliseconds(1));
        await using var a = await LifecycleApp.StartAsync(Database, Fake, options, instance: "a");
        await using var b = await LifecycleApp.StartAsync(Database, Fake, options, instance: "b");
        for (var i = 0; i < 4; i++)
        {
            await a.Verifications.StartAsync("user-" + i, Flow());
        }

        await using (var context = Database.CreateContext())
        {
            var past = DateTime.UtcNow.AddHours(-1);
            await context.Set<IdentomatVerification>().ExecuteUpdateAsync(s => s.SetProperty(v => v.NextSweepAt, past));
        }

        Fake.FailNext(FakeOperation.Result, 4, FakeFault.Delay(TimeSpan.FromMilliseconds(700)));
        var sweepA = a.SweepAsync();
        await Task.Delay(1500);
        var sweepB = await b.SweepAsync();
        var readA = await sweepA;
        TestContext.Out.WriteLine($"a read {readA}; b (during a's page) returned {sweepB}");
        Assert.That(sweepB, Is.EqualTo(-1), "b took the lease while a was still sweeping its page");
    }

    [Test]
    public async Task Hundreds_of_concurrent_refreshes_on_two_instances_record_a_reversal_once_and_never_apply_it()
    {
        await using var a = await App("a");
        await using var b = await App("b");
        var started = await a.Verifications.StartAsync("user-r", Flow());
        Fake.CompleteSession(started.SessionToken!, FakeResults.InProgress());
        var failures = new ConcurrentBag<string>();
        async Task Many(int n)
        {
            await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
            {
                try
                {
                    await (i % 2 == 0 ? a : b).Verifications.RefreshAsync(started.SessionToken!);
                }
                catch (Exception ex)
                {
                    failures.Add(ex.GetType().Name + ": " + ex.Message);
                }
            }));
        }

        await Many(150);
        Fake.CompleteSession(started.SessionToken!, FakeResults.Approved());
        await Many(20);
        Fake.CompleteSession(started.SessionToken!, FakeResults.Rejected());
        await Many(150);
        await using var context = Database.CreateContext();
        var events = await context.Set<IdentomatVerificationEvent>().Where(e => e.VerificationId == started.Id).ToListAsync();
        var row = await context.Set<IdentomatVerification>().AsNoTracking().SingleAsync();
        TestContext.Out.WriteLine($"failures {failures.Count}: {string.Join(" | ", failures.Distinct())}");
        TestContext.Out.WriteLine($"row {row.State} {row.Status}; events: {string.Join(", ", events.GroupBy(e => e.Cause + ":" + e.To + ":" + e.Status).Select(g => g.Key + " x" + g.Count()))}");
        TestContext.Out.WriteLine($"log 103 count: a {a.Logs.GetSnapshot().Count(l => l.Id.Id == 103)}, b {b.Logs.GetSnapshot().Count(l => l.Id.Id == 103)}");
        Assert.That(row.Status, Is.EqualTo("approved"));
        Assert.That(events.Count(e => e.Cause == VerificationCause.ReversalNotApplied), Is.EqualTo(1));
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Hundreds_of_deliveries_to_three_instances_while_they_process_make_one_row_and_one_handling_each()
    {
        var instances = 3;
        var apps = new List<LifecycleApp>();
        for (var i = 0; i < instances; i++)
        {
            apps.Add(await App("i" + i));
        }

        try
        {
            var bodies = Enumerable.Range(0, 40).Select(i => Body("sess-" + i, "c" + i)).ToArray();
            var stop = new CancellationTokenSource();
            var processors = apps.Select(app => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        await app.ProcessInboxAsync();
                    }
                    catch (Exception ex)
                    {
                        TestContext.Out.WriteLine("processor: " + ex.GetType().Name + " " + ex.Message);
                    }

                    await Task.Delay(5);
                }
            })).ToList();
            var statuses = await Task.WhenAll(Enumerable.Range(0, 400).Select(async i =>
            {
                using var r = await apps[i % apps.Count].PostCallbackAsync(bodies[i % bodies.Length]);
                return (int)r.StatusCode;
            }));
            await Task.Delay(1500);
            stop.Cancel();
            await Task.WhenAll(processors);
            await using var context = Database.CreateContext();
            var rows = await context.Set<IdentomatInboxMessage>().AsNoTracking().ToListAsync();
            TestContext.Out.WriteLine($"statuses {string.Join(",", statuses.GroupBy(s => s).Select(g => g.Key + "x" + g.Count()))}; rows {rows.Count}; handled {rows.Count(r => r.State == InboxState.Handled)}; calls {CountingHandler.Calls.Count}, distinct {CountingHandler.Calls.Distinct().Count()}");
            Assert.That(statuses, Is.All.EqualTo(200));
            Assert.That(rows, Has.Count.EqualTo(40));
            Assert.That(CountingHandler.Calls, Has.Count.EqualTo(40));
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task Hundreds_of_starts_for_a_few_users_on_three_instances_make_one_session_per_user()
    {
        var instances = 3;
        var apps = new List<LifecycleApp>();
        for (var i = 0; i < instances; i++)
        {
            apps.Add(await App("i" + i));
        }

        try
        {
            Fake.FailNext(FakeOperation.Begin, 5, FakeFault.Delay(TimeSpan.FromMilliseconds(200)));
            var failures = new ConcurrentBag<string>();
            var results = await Task.WhenAll(Enumerable.Range(0, 150).Select(async i =>
            {
                try
                {
                    var v = await apps[i % apps.Count].Verifications.StartAsync("user-" + (i % 15), Flow());
                    return (User: "user-" + (i % 15), v.SessionToken);
                }
                catch (Exception ex)
                {
                    failures.Add(ex.GetType().Name + ": " + ex.Message);
                    return (User: "user-" + (i % 15), SessionToken: (string?)null);
                }
            }));
            TestContext.Out.WriteLine($"failures {failures.Count}: {string.Join(" | ", failures.Distinct())}; begins {Fake.CallCount(FakeOperation.Begin)}");
            Assert.That(failures, Is.Empty);
            Assert.That(results.GroupBy(r => r.User).All(g => g.Select(r => r.SessionToken).Distinct().Count() == 1), Is.True);
            Assert.That(Fake.CallCount(FakeOperation.Begin), Is.EqualTo(15));
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }
}
