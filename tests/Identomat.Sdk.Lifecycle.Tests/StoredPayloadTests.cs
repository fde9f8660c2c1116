using Identomat.Sdk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Identomat.Sdk.Lifecycle.Tests;

[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
[NonParallelizable]
public sealed class StoredPayloadTests(Engine engine)
{
    [Test]
    public async Task An_accepted_callback_whose_stored_payload_grows_past_the_limit_is_still_handled()
    {
        RecordingHandler.Reset();
        using var database = new TestDatabase(engine);
        using var fake = IdentomatFakeServer.StartInProcess();
        await using var app = await LifecycleApp.StartAsync(database, fake, lifecycle: l => l.AddCallbackHandler<OneTimePasswordRequestCallback, RecordingHandler>());
        var text = new string('+', 300_000);   // 300 kB of body; '+' is stored as \u002B (6 bytes)
        var body = "{\"callbackApiKey\":\"" + fake.CallbackApiKey + "\",\"type\":\"one-time-password-request\",\"sessionId\":\"s-grow\",\"phoneNumber\":\"1\",\"text\":\"" + text + "\"}";
        TestContext.Out.WriteLine("body bytes " + System.Text.Encoding.UTF8.GetByteCount(body));
        using (var response = await app.PostCallbackAsync(body))
        {
            TestContext.Out.WriteLine("status " + (int)response.StatusCode);
        }

        await app.ProcessInboxAsync();
        await using var context = database.CreateContext();
        var row = await context.Set<IdentomatInboxMessage>().AsNoTracking().SingleAsync();
        TestContext.Out.WriteLine($"payload chars {row.Payload!.Length}; state {row.State}; attempts {row.FailedAttempts}; error {row.LastError}");
        Assert.That(row.State, Is.EqualTo(InboxState.Handled), "accepted with 200, then dead-lettered on its first attempt: Restore refuses what the inbox stored");
    }
}
