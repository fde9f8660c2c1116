using Identomat.Sdk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Identomat.Sdk.Lifecycle.Tests;

[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
[NonParallelizable]
public sealed class VerificationBoundaryTests(Engine engine) : LifecycleFixture(engine)
{
    private static SessionRequest Flow() => new SessionBuilder().AddIdentityDocument().Build();

    private async Task<List<IdentomatVerificationEvent>> Events(Guid id)
    {
        await using var context = Database.CreateContext();
        return await context.Set<IdentomatVerificationEvent>().Where(e => e.VerificationId == id).OrderBy(e => e.Id).ToListAsync();
    }

    [Test]
    public async Task A_purge_decided_on_a_row_a_final_read_changed_meanwhile_is_decided_again_under_the_minimum()
    {
        await using var app = await LifecycleApp.StartAsync(Database, Fake, o => o.MinimumRetention = TimeSpan.FromDays(365));
        var service = app.Services.GetRequiredService<IdentomatVerifications>();
        var started = await app.Verifications.StartAsync("user-race", Flow());
        var stale = (await app.Verifications.FindAsync("user-race"))!;   // the erasure read it in progress: no minimum applies yet

        Fake.CompleteSession(started.SessionToken!, FakeResults.Approved());
        Assert.That((await app.Verifications.RefreshAsync(started.SessionToken!, VerificationCause.Return))!.State, Is.EqualTo(VerificationState.Final));
        var database = app.Services.GetRequiredService<LifecycleDatabase>();
        var logger = app.Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<VerificationBoundaryTests>>();
        Assert.That(await Purger.PurgeAsync(database, stale, VerificationCause.Erasure, eraseUser: true, logger, CancellationToken.None), Is.False, "the row changed since it was decided on");

        var erasure = await app.Verifications.EraseAsync("user-race");
        Assert.That((erasure.Rule, erasure.Kept), Is.EqualTo((ErasureRule.MinimumRetention, 1)));
        var row = (await app.Verifications.FindAsync("user-race"))!;
        Assert.That((row.State, row.Status, row.PurgedAt), Is.EqualTo((VerificationState.Final, "approved", (DateTime?)null)));
        Assert.That(Fake.CallCount(FakeOperation.Delete), Is.Zero);
    }

    [Test]
    public async Task An_erasure_committed_before_a_verdict_arrives_is_not_undone_by_it()
    {
        await using var app = await LifecycleApp.StartAsync(Database, Fake, o => o.MinimumRetention = TimeSpan.FromDays(365));
        var started = await app.Verifications.StartAsync("user-first", Flow());
        Fake.FailNext(FakeOperation.Delete, 1, FakeFault.Delay(TimeSpan.FromMilliseconds(1500)), started.SessionToken!);
        var erasure = app.Verifications.EraseAsync("user-first");   // in progress: nothing protects it
        await Task.Delay(300);
        Fake.CompleteSession(started.SessionToken!, FakeResults.Approved());
        await app.Verifications.RefreshAsync(started.SessionToken!, VerificationCause.Return);

        Assert.That((await erasure).Erased, Is.EqualTo(1));
        await using var context = Database.CreateContext();
        var row = await context.Set<IdentomatVerification>().AsNoTracking().SingleAsync(v => v.Id == started.Id);
        Assert.That((row.State, row.Status, row.UserId, row.SessionToken), Is.EqualTo((VerificationState.Expired, (string?)null, (string?)null, (string?)null)));
        Assert.That(row.PurgedAt, Is.Not.Null);
        Assert.That((await Events(started.Id)).Select(e => e.Cause), Is.EqualTo(new[] { VerificationCause.Start, VerificationCause.Erasure }));
    }

    [Test]
    public async Task A_read_applied_after_an_erasure_writes_nothing_back_into_the_erased_row()
    {
        await using var app = await LifecycleApp.StartAsync(Database, Fake, o => o.StoreResultJson = true);
        var service = app.Services.GetRequiredService<IdentomatVerifications>();
        var started = await app.Verifications.StartAsync("user-erase", Flow());

        // RefreshAsync: the row is read and the read's start taken; the vendor answers (before its copy is deleted)...
        DateTime readStart;
        await using (var context = Database.CreateContext())
        {
            readStart = Engine == Engine.PostgreSql
                ? await context.Database.SqlQueryRaw<DateTime>("SELECT clock_timestamp() AS \"Value\"").SingleAsync()
                : DateTime.UtcNow;
        }

        var answer = FakeResults.Approved(firstName: "NINO", lastName: "BERIDZE");

        // ... meanwhile the user's erasure runs to the end ...
        var erased = await app.Verifications.EraseAsync("user-erase");
        Assert.That(erased.Erased, Is.EqualTo(1));

        // ... then the read's answer is applied.
        await service.ApplyAsync(started.Id, readStart, answer, VerificationCause.Return, CancellationToken.None);
        await using var check = Database.CreateContext();
        var row = await check.Set<IdentomatVerification>().AsNoTracking().SingleAsync(v => v.Id == started.Id);
        TestContext.Out.WriteLine($"row {row.State} {row.Status} purged={row.PurgedAt:O} user={row.UserId} json={(row.ResultJson is null ? "null" : row.ResultJson.Length + " chars, NINO=" + row.ResultJson.Contains("NINO"))}");
        Assert.That(row.ResultJson, Is.Null, "personal data written back after the erasure");
        Assert.That(row.State, Is.EqualTo(VerificationState.Expired));
    }

    [Test]
    public async Task An_erased_verification_keeps_no_user_id_another_user_could_find()
    {
        await using var app = await LifecycleApp.StartAsync(Database, Fake);
        var other = await app.Verifications.StartAsync("alice", Flow());
        Fake.CompleteSession(other.SessionToken!, FakeResults.Rejected());
        await app.Verifications.RefreshAsync(other.SessionToken!);
        await app.Verifications.EraseAsync("alice");
        var found = await app.Verifications.FindAsync("(erased)");
        TestContext.Out.WriteLine($"FindAsync(\"(erased)\") -> {(found is null ? "null" : found.Id + " " + found.Status)}");
        Assert.That(found, Is.Null, "the sentinel is a legal user id: user '(erased)' sees alice's decision");
    }

    [Test]
    public async Task User_ids_are_stored_as_given_and_text_noDatabase_keeps_faithfully_is_an_argument_error()
    {
        await using var app = await LifecycleApp.StartAsync(Database, Fake);
        foreach (var id in new[] { "o'brien\"; DROP TABLE identomat_verifications;--", string.Concat(Enumerable.Repeat("😀", 128)), new string('u', 256), "bob " })
        {
            var started = await app.Verifications.StartAsync(id, Flow());
            Assert.That((await app.Verifications.FindAsync(id))!.Id, Is.EqualTo(started.Id), id);
            Assert.That(started.UserId, Is.EqualTo(id));
        }

        foreach (var id in new[] { new string('u', 257), "a\0b", "a\ud800", "a\udbff", "\t", " ", "" })
        {
            Assert.That(() => app.Verifications.StartAsync(id, Flow()), Throws.ArgumentException, $"start {id.Length}");
            Assert.That(() => app.Verifications.FindAsync(id), Throws.ArgumentException, $"find {id.Length}");
            Assert.That(() => app.Verifications.EraseAsync(id), Throws.ArgumentException, $"erase {id.Length}");
        }

        Assert.That(await app.Verifications.RefreshAsync("t\0"), Is.Null, "no session token holds a NUL");
        Assert.That(await app.Verifications.RefreshAsync(new string('t', 129)), Is.Null);
        await using var context = Database.CreateContext();
        Assert.That(await context.Set<IdentomatVerification>().CountAsync(), Is.EqualTo(4));
    }

    [Test]
    public async Task A_user_id_of_the_longest_text_is_accepted_and_a_lone_low_surrogate_or_a_reversed_pair_is_refused()
    {
        await using var app = await LifecycleApp.StartAsync(Database, Fake);
        var longest = new string('\u20ac', 256);   // 256 characters of three UTF-8 bytes each: the most bytes a user id holds

        var started = await app.Verifications.StartAsync(longest, Flow());

        Assert.That((await app.Verifications.FindAsync(longest))!.Id, Is.EqualTo(started.Id));
        foreach (var id in new[] { "\udc00a", "a\udc00\ud800b", new string('\u20ac', 255) + "\ud800" })
        {
            Assert.That(() => app.Verifications.StartAsync(id, Flow()), Throws.ArgumentException, $"start {id.Length}");
            Assert.That(() => app.Verifications.FindAsync(id), Throws.ArgumentException, $"find {id.Length}");
        }
    }

    [Test]
    public async Task A_cause_that_is_not_a_VerificationCause_is_refused_before_anything_is_read()
    {
        await using var app = await LifecycleApp.StartAsync(Database, Fake);
        var started = await app.Verifications.StartAsync("user-cause", Flow());
        Fake.CompleteSession(started.SessionToken!, FakeResults.Approved());
        var reads = Fake.CallCount(FakeOperation.Result);

        Assert.That(() => app.Verifications.RefreshAsync(started.SessionToken!, "return page for jane.doe@example.com +995555000000"), Throws.ArgumentException);
        Assert.That(() => app.Verifications.RefreshAsync(started.SessionToken!, VerificationCause.Purge), Throws.ArgumentException);

        Assert.That(Fake.CallCount(FakeOperation.Result), Is.EqualTo(reads));
        Assert.That((await app.Verifications.RefreshAsync(started.SessionToken!, VerificationCause.Return))!.State, Is.EqualTo(VerificationState.Final));
        Assert.That((await Events(started.Id)).Select(e => e.Cause), Has.None.Contains("@"));
    }

    [Test]
    public async Task A_newer_read_reopening_a_final_verdict_is_recorded_as_a_disagreement_not_applied()
    {
        await using var app = await LifecycleApp.StartAsync(Database, Fake);
        var service = app.Services.GetRequiredService<IdentomatVerifications>();
        var started = await app.Verifications.StartAsync("user-reopen", Flow());
        var t0 = DateTime.UtcNow.AddSeconds(5);
        await service.ApplyAsync(started.Id, t0, FakeResults.Approved(), VerificationCause.Return, CancellationToken.None);
        await service.ApplyAsync(started.Id, t0.AddSeconds(1), FakeResults.ManualCheck(), VerificationCause.Sweep, CancellationToken.None);
        var events = await Events(started.Id);
        TestContext.Out.WriteLine(string.Join("\n", events.Select(e => $"{e.From}->{e.To} {e.Status} {e.Cause}")));
        Assert.That(events.Select(e => e.Cause), Does.Contain(VerificationCause.ReversalNotApplied), "an operator reopening the case (final -> manual_check) is recorded");
        var row = (await app.Verifications.FindAsync("user-reopen"))!;
        Assert.That((row.State, row.Status, row.Disagreement), Is.EqualTo((VerificationState.Final, "approved", "manual_check")));
    }

    [Test]
    public async Task A_verdict_that_comes_for_an_abandoned_session_is_applied()
    {
        await using var app = await LifecycleApp.StartAsync(Database, Fake);
        var service = app.Services.GetRequiredService<IdentomatVerifications>();
        var started = await app.Verifications.StartAsync("user-exp", Flow());
        await service.EndAsync(started.Id, VerificationState.InProgress, VerificationState.Expired, VerificationCause.Expiry, CancellationToken.None);
        await service.ApplyAsync(started.Id, DateTime.UtcNow.AddSeconds(5), FakeResults.ManualCheck(), VerificationCause.Return, CancellationToken.None);
        await service.ApplyAsync(started.Id, DateTime.UtcNow.AddSeconds(6), FakeResults.Approved(), VerificationCause.Return, CancellationToken.None);

        var events = await Events(started.Id);
        Assert.That(events.Select(e => (e.From, e.To)).Last(), Is.EqualTo((VerificationState.Expired, VerificationState.Final)), "no verdict but a final one ends an abandoned session");
        Assert.That(events, Has.Count.EqualTo(3));
    }
}
