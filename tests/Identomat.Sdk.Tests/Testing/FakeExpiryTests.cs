using Identomat.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Identomat.Sdk.Tests.Testing;

/// <summary>
/// The fake keeps the vendor's clock: a token nobody started expires 15 minutes after it was issued (or when told), and
/// <c>result/</c> then answers as the README's assumptions say the vendor does: as in progress, for ever.
/// </summary>
public class FakeExpiryTests
{
    [Test]
    public async Task An_unstarted_session_expires_fifteen_minutes_after_it_was_issued()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        using var fake = IdentomatFakeServer.StartInProcess(new() { TimeProvider = time });
        using var client = fake.CreateClient();
        var session = await client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build());

        time.Advance(TimeSpan.FromMinutes(14.9));
        Assert.That(fake.IsExpired(session.Token), Is.False);
        time.Advance(TimeSpan.FromMinutes(0.1));
        Assert.That(fake.IsExpired(session.Token), Is.True);

        var result = await client.GetResultAsync(session.Token);
        Assert.That(result.Status, Is.Null, "a session never started answers as in progress");
        Assert.That(result.Stage, Is.EqualTo(VerificationStage.InProgress));
    }

    [Test]
    public async Task A_started_session_does_not_expire_and_one_can_be_expired_now()
    {
        var time = new FakeTimeProvider();
        using var fake = IdentomatFakeServer.StartInProcess(new() { TimeProvider = time });
        using var client = fake.CreateClient();
        var started = await client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build());
        var other = await client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build());
        fake.CompleteSession(started.Token, FakeResults.ManualCheck());

        time.Advance(TimeSpan.FromHours(2));
        fake.ExpireSession(other.Token);

        Assert.That(fake.IsExpired(started.Token), Is.False);
        Assert.That(fake.IsExpired(other.Token), Is.True);
        Assert.That((await client.GetResultAsync(started.Token)).Stage, Is.EqualTo(VerificationStage.InReview));
        Assert.That(() => fake.ExpireSession("unknown"), Throws.TypeOf<KeyNotFoundException>());
    }
}
