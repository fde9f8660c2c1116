using Identomat.Sdk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Identomat.Sdk.Lifecycle.Tests;

[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
[NonParallelizable]
public sealed class VerificationTests(Engine engine) : LifecycleFixture(engine)
{
    private static SessionRequest Flow() => new SessionBuilder().AddIdentityDocument().AddLiveness().Build();

    private Task<LifecycleApp> StartAsync(string instance = "a", Action<IdentomatLifecycleOptions>? configure = null) =>
        LifecycleApp.StartAsync(Database, Fake, configure, instance: instance);

    [Test]
    public async Task A_second_start_for_a_user_gets_the_same_live_session_and_begin_is_called_once()
    {
        await using var app = await StartAsync();
        var first = await app.Verifications.StartAsync("user-1", Flow());
        var second = await app.Verifications.StartAsync("user-1", Flow());

        Assert.That(first.State, Is.EqualTo(VerificationState.InProgress));
        Assert.That(first.SessionToken, Is.Not.Null.And.EqualTo(second.SessionToken));
        Assert.That(first.WidgetUrl, Does.Contain(first.SessionToken));
        Assert.That(second.Id, Is.EqualTo(first.Id));
        Assert.That(Fake.CallCount(FakeOperation.Begin), Is.EqualTo(1));
        Assert.That(await Events(first.Id), Is.EqualTo(new[] { (VerificationState.Starting, VerificationState.InProgress, VerificationCause.Start) }));

        // Tabs racing: one session, and no error in the log for the starts that found the slot taken.
        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.Verifications.StartAsync("user-1b", Flow())));
        Assert.That(racing.Select(v => v.SessionToken).Distinct().Count(), Is.EqualTo(1));
        Assert.That(app.Logs.GetSnapshot().Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning), Is.Empty);
    }

    [Test]
    public async Task An_expired_unstarted_session_or_a_final_verdict_starts_anew()
    {
        await using var app = await StartAsync();
        var first = await app.Verifications.StartAsync("user-3", Flow());
        await using (var context = Database.CreateContext())
        {
            var past = DateTime.UtcNow.AddMinutes(-1);
            await context.Set<IdentomatVerification>().Where(v => v.Id == first.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.ExpiresAt, past));
        }

        var second = await app.Verifications.StartAsync("user-3", Flow());
        Assert.That(second.SessionToken, Is.Not.EqualTo(first.SessionToken));
        Assert.That((await Events(first.Id)).Last(), Is.EqualTo((VerificationState.InProgress, VerificationState.Expired, VerificationCause.Expiry)));

        Fake.CompleteSession(second.SessionToken!, FakeResults.Approved());
        var final = await app.Verifications.RefreshAsync(second.SessionToken!, VerificationCause.Return);
        Assert.That(final!.State, Is.EqualTo(VerificationState.Final));
        Assert.That(final.Status, Is.EqualTo("approved"));
        Assert.That(final.ActiveUserId, Is.Null);
        Assert.That(final.EndedAt, Is.Not.Null);

        var third = await app.Verifications.StartAsync("user-3", Flow());
        Assert.That(third.SessionToken, Is.Not.EqualTo(second.SessionToken));
        Assert.That(Fake.CallCount(FakeOperation.Begin), Is.EqualTo(3));
        Assert.That((await app.Verifications.FindAsync("user-3"))!.Id, Is.EqualTo(third.Id));
    }

    [Test]
    public async Task A_failed_begin_leaves_nothing_reserved()
    {
        await using var app = await StartAsync();
        Fake.FailNext(FakeOperation.Begin, 1, FakeFault.Status(401, "\"INVALID_COMPANY_KEY\""));
        Assert.ThrowsAsync<IdentomatAuthenticationException>(() => app.Verifications.StartAsync("user-4", Flow()));

        var started = await app.Verifications.StartAsync("user-4", Flow());
        Assert.That(started.State, Is.EqualTo(VerificationState.InProgress));
        await using var context = Database.CreateContext();
        var failed = await context.Set<IdentomatVerification>().SingleAsync(v => v.Id != started.Id);
        Assert.That(failed.State, Is.EqualTo(VerificationState.Expired));
        Assert.That(failed.ActiveUserId, Is.Null);
        Assert.That((await Events(failed.Id)).Single().Cause, Is.EqualTo(VerificationCause.StartFailed));
    }

    [Test]
    public async Task In_review_is_a_normal_state_and_the_stored_row_holds_no_personal_data()
    {
        await using var app = await StartAsync();
        var started = await app.Verifications.StartAsync("user-5", Flow());
        Fake.CompleteSession(started.SessionToken!, FakeResults.ManualCheck());
        var review = await app.Verifications.RefreshAsync(started.SessionToken!, VerificationCause.Return);
        Assert.That(review!.State, Is.EqualTo(VerificationState.InReview));
        Assert.That(review.Status, Is.EqualTo("manual_check"));
        Assert.That(review.ActiveUserId, Is.EqualTo("user-5"), "still the user's live verification");

        Fake.CompleteSession(started.SessionToken!, FakeResults.Approved(firstName: "NINO", lastName: "BERIDZE"));
        var approved = await app.Verifications.RefreshAsync(started.SessionToken!);
        Assert.That(approved!.State, Is.EqualTo(VerificationState.Final));
        Assert.That(approved.ResultJson, Is.Null);
        await using var context = Database.CreateContext();
        var columns = context.Set<IdentomatVerification>().AsNoTracking().AsEnumerable().SelectMany(v => typeof(IdentomatVerification).GetProperties().Select(p => p.GetValue(v)?.ToString() ?? string.Empty));
        Assert.That(columns, Has.None.Contains("NINO").And.None.Contains("BERIDZE"));
        Assert.That((await Events(started.Id)).Select(e => e.To), Is.EqualTo(new[] { VerificationState.InProgress, VerificationState.InReview, VerificationState.Final }));
    }

    [Test]
    public async Task A_final_verdict_is_never_downgraded_whatever_the_order_of_answers()
    {
        await using var app = await StartAsync();
        var service = app.Services.GetRequiredService<IdentomatVerifications>();
        var answers = new (int At, VerificationResult Result)[]
        {
            (1, FakeResults.InProgress()), (2, FakeResults.ManualCheck()), (3, FakeResults.Approved()), (4, FakeResults.InProgress()),
        };
        var orders = Permutations(Enumerable.Range(0, answers.Length).ToArray()).ToList();
        Assert.That(orders, Has.Count.EqualTo(24));
        var t0 = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var order in orders)
        {
            var started = await app.Verifications.StartAsync("user-" + string.Join("", order), Flow());
            foreach (var index in order)
            {
                await service.ApplyAsync(started.Id, t0.AddSeconds(answers[index].At), answers[index].Result, VerificationCause.Refresh, CancellationToken.None);
            }

            await using var context = Database.CreateContext();
            var row = await context.Set<IdentomatVerification>().SingleAsync(v => v.Id == started.Id);
            Assert.That(row.State, Is.EqualTo(VerificationState.Final), string.Join(",", order));
            Assert.That(row.Status, Is.EqualTo("approved"));
            var states = (await Events(started.Id)).Select(e => (int)e.To).ToList();
            Assert.That(states, Is.Ordered, "states only move forward: " + string.Join(",", order));
        }
    }

    [Test]
    public async Task A_newer_read_that_disagrees_with_a_final_verdict_is_recorded_and_raised_not_applied()
    {
        await using var app = await StartAsync();
        var started = await app.Verifications.StartAsync("user-6", Flow());
        Fake.CompleteSession(started.SessionToken!, FakeResults.Approved());
        await app.Verifications.RefreshAsync(started.SessionToken!);

        // An operator reversed it at the vendor.
        Fake.CompleteSession(started.SessionToken!, FakeResults.Rejected());
        var after = await app.Verifications.RefreshAsync(started.SessionToken!);
        await app.Verifications.RefreshAsync(started.SessionToken!);

        Assert.That(after!.Status, Is.EqualTo("approved"));
        Assert.That(after.State, Is.EqualTo(VerificationState.Final));
        var reversal = (await Events(started.Id)).Where(e => e.Cause == VerificationCause.ReversalNotApplied).ToList();
        Assert.That(reversal, Has.Count.EqualTo(1), "recorded once, however often it is read");
        Assert.That(app.Logs.GetSnapshot().Count(r => r.Id.Id == 103), Is.EqualTo(1));
    }

    [Test]
    public async Task Opting_in_stores_the_whole_result()
    {
        await using var app = await StartAsync(configure: options => options.StoreResultJson = true);
        var started = await app.Verifications.StartAsync("user-7", Flow());
        Fake.CompleteSession(started.SessionToken!, FakeResults.Approved(firstName: "NINO"));
        var approved = await app.Verifications.RefreshAsync(started.SessionToken!);
        Assert.That(approved!.ResultJson, Does.Contain("NINO"));
    }

    private async Task<List<(VerificationState From, VerificationState To, string Cause)>> Events(Guid verification)
    {
        await using var context = Database.CreateContext();
        return (await context.Set<IdentomatVerificationEvent>().Where(e => e.VerificationId == verification).OrderBy(e => e.Id).ToListAsync())
            .Select(e => (e.From, e.To, e.Cause)).ToList();
    }

    private static IEnumerable<int[]> Permutations(int[] items) =>
        items.Length <= 1 ? [items] : items.SelectMany(item => Permutations(items.Where(i => i != item).ToArray()).Select(rest => new[] { item }.Concat(rest).ToArray()));
}
