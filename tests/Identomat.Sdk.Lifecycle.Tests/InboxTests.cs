using System.Net;
using Identomat.Sdk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Identomat.Sdk.Lifecycle.Tests;

[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
[NonParallelizable]
public sealed class InboxTests(Engine engine) : LifecycleFixture(engine)
{
    private const string Otp = "one-time-password-request";

    private static readonly Dictionary<string, string> Sms = new() { ["phoneNumber"] = "+995555000000", ["text"] = "Your code is 4321" };

    private Task<LifecycleApp> StartAsync(Action<IdentomatLifecycleOptions>? configure = null, string instance = "a", IdentomatFakeServer? fake = null) =>
        LifecycleApp.StartAsync(Database, fake ?? Fake, configure, l => l.AddCallbackHandler<OneTimePasswordRequestCallback, RecordingHandler>(), instance);

    [Test]
    public async Task A_callback_is_stored_once_without_its_key_and_handled_once_however_often_it_arrives()
    {
        await using var app = await StartAsync();
        var body = Fake.CreateCallbackBody(Otp, "session-1", Sms);

        for (var i = 0; i < 3; i++)
        {
            using var response = await app.PostCallbackAsync(body);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
        }

        await using (var context = Database.CreateContext())
        {
            var rows = await context.Set<IdentomatInboxMessage>().ToListAsync();
            Assert.That(rows, Has.Count.EqualTo(1));
            Assert.That(rows[0].Payload, Does.Not.Contain("callbackApiKey").And.Not.Contain(Fake.CallbackApiKey));
            Assert.That(rows[0].Payload, Does.Contain("995555000000"), "the payload as received, escapes included");
            Assert.That(rows[0].Type, Is.EqualTo(Otp));
            Assert.That(rows[0].SessionId, Is.EqualTo("session-1"));
            Assert.That(rows[0].Account, Is.Empty);
            Assert.That(rows[0].State, Is.EqualTo(InboxState.Pending));
        }

        Assert.That(await app.ProcessInboxAsync(), Is.EqualTo(1));
        Assert.That(await app.ProcessInboxAsync(), Is.Zero);
        using (var again = await app.PostCallbackAsync(body))
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That(await app.ProcessInboxAsync(), Is.Zero);
        Assert.That(RecordingHandler.Calls, Has.Count.EqualTo(1));
        Assert.That(app.Logs.GetSnapshot().Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning), Is.Empty, "a duplicate is normal: no error, no warning");
        var call = RecordingHandler.Calls.Single();
        Assert.That(call.Phone, Is.EqualTo("+995555000000"));
        Assert.That(call.Text, Is.EqualTo("Your code is 4321"));
        Assert.That(call.Attempt, Is.EqualTo(1));
        await using (var context = Database.CreateContext())
        {
            var row = await context.Set<IdentomatInboxMessage>().SingleAsync();
            Assert.That(call.Key, Is.EqualTo(row.DeduplicationKey).And.Length.EqualTo(64));
            Assert.That(row.State, Is.EqualTo(InboxState.Handled));
            Assert.That(row.CompletedAt, Is.Not.Null);
            Assert.That(row.ClaimedBy, Is.Null);
        }
    }

    [Test]
    public async Task Refused_bodies_get_401_400_or_413_with_no_body_and_nothing_is_stored()
    {
        await using var app = await StartAsync();
        var cases = new (string Body, HttpStatusCode Status)[]
        {
            (Fake.CreateCallbackBody(Otp, "s", Sms, wrongKey: true), HttpStatusCode.Unauthorized),
            ("{\"type\":\"one-time-password-request\"}", HttpStatusCode.Unauthorized),
            ("{\"callbackApiKey\":", HttpStatusCode.BadRequest),
            ("[1,2]", HttpStatusCode.BadRequest),
            ("{\"callbackApiKey\":\"" + Fake.CallbackApiKey + "\",\"callbackApiKey\":\"x\"}", HttpStatusCode.BadRequest),
            (new string('[', 100) + new string(']', 100), HttpStatusCode.BadRequest),
            ("{\"callbackApiKey\":\"" + Fake.CallbackApiKey + "\",\"pad\":\"" + new string('x', IdentomatCallbackParser.MaxBodyBytes) + "\"}", HttpStatusCode.RequestEntityTooLarge),
        };
        foreach (var (body, status) in cases)
        {
            using var response = await app.PostCallbackAsync(body);
            Assert.That(response.StatusCode, Is.EqualTo(status), body.Length > 80 ? body[..80] : body);
            Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
        }

        using (var invalidUtf8 = new ByteArrayContent([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']))
        using (var response = await app.Client.PostAsync(new Uri("/identomat/callback", UriKind.Relative), invalidUtf8))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        await using var context = Database.CreateContext();
        Assert.That(await context.Set<IdentomatInboxMessage>().CountAsync(), Is.Zero);
    }

    [Test]
    public async Task A_failing_handler_is_retried_with_its_attempt_then_dead_lettered_and_a_replay_handles_it()
    {
        await using var app = await StartAsync(options => options.MaxHandlingAttempts = 3);
        RecordingHandler.FailNext(5);
        using (await app.PostCallbackAsync(Fake.CreateCallbackBody(Otp, "session-2", Sms)))
        {
        }

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await WaitUntilDueAsync();
            Assert.That(await app.ProcessInboxAsync(), Is.EqualTo(1), $"attempt {attempt}");
        }

        await using (var context = Database.CreateContext())
        {
            var row = await context.Set<IdentomatInboxMessage>().SingleAsync();
            Assert.That(row.State, Is.EqualTo(InboxState.DeadLettered));
            Assert.That(row.FailedAttempts, Is.EqualTo(3));
            Assert.That(row.LastError, Is.EqualTo("System.InvalidOperationException"), "the type only: messages may quote personal data");
            Assert.That(await app.Inbox.CountAsync(), Is.EqualTo((0, 1)));
        }

        Assert.That(app.Logs.GetSnapshot().Select(r => r.Message), Has.None.Contains("+995"));
        Assert.That(await app.ProcessInboxAsync(), Is.Zero, "a dead letter waits for a replay");
        RecordingHandler.FailNext(0);
        await using (var context = Database.CreateContext())
        {
            var key = (await context.Set<IdentomatInboxMessage>().SingleAsync()).DeduplicationKey;
            Assert.That(await app.Inbox.ReplayAsync(key), Is.True);
            Assert.That(await app.Inbox.ReplayAsync(new string('0', 64)), Is.False);
        }

        Assert.That(await app.ProcessInboxAsync(), Is.EqualTo(1));
        Assert.That(RecordingHandler.Calls.Single().Attempt, Is.EqualTo(1), "a replay starts its attempts again");
        Assert.That(await app.Inbox.CountAsync(), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task A_callback_stored_under_the_old_callback_key_is_handled_after_the_keys_rotate()
    {
        await using (var before = await StartAsync())
        {
            using var response = await before.PostCallbackAsync(Fake.CreateCallbackBody(Otp, "session-3", Sms));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        // The same account (company key) after a rotation: the old callback key is no longer accepted.
        using var rotated = IdentomatFakeServer.StartInProcess(new IdentomatFakeServerOptions { CallbackApiKey = "rotated-callback-key" });
        await using var after = await StartAsync(instance: "b", fake: rotated);
        using (var old = await after.PostCallbackAsync(Fake.CreateCallbackBody(Otp, "session-3", Sms)))
        {
            Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        Assert.That(await after.ProcessInboxAsync(), Is.EqualTo(1));
        Assert.That(RecordingHandler.Calls.Single().Text, Is.EqualTo("Your code is 4321"));
    }

    [Test]
    public async Task A_row_claimed_by_an_instance_that_died_is_handled_by_another_once_the_claim_expires()
    {
        await using var survivor = await StartAsync(instance: "survivor");
        using (await survivor.PostCallbackAsync(Fake.CreateCallbackBody(Otp, "session-4", Sms)))
        {
        }

        // The dead instance claimed it for a short while, then stopped before handling it.
        await using (var context = Database.CreateContext())
        {
            var until = DateTime.UtcNow.AddMilliseconds(400);
            await context.Set<IdentomatInboxMessage>().ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, "dead").SetProperty(m => m.ClaimedUntil, until));
        }

        Assert.That(await survivor.ProcessInboxAsync(), Is.Zero, "the claim still holds");
        await Task.Delay(600);
        Assert.That(await survivor.ProcessInboxAsync(), Is.EqualTo(1));
        Assert.That(RecordingHandler.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_host_stopped_while_a_handler_runs_gives_the_callback_back_and_another_handles_it()
    {
        BlockingHandler.Started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopping = await LifecycleApp.StartAsync(
            Database, Fake, lifecycle: l => l.AddCallbackHandler<OneTimePasswordRequestCallback, BlockingHandler>(), instance: "stopping", runBackground: true);
        using (await stopping.PostCallbackAsync(Fake.CreateCallbackBody(Otp, "session-5", Sms)))
        {
        }

        Assert.That(await BlockingHandler.Started.Task.WaitAsync(TimeSpan.FromSeconds(10)), Is.True, "the handler is running");
        await stopping.DisposeAsync();   // the host stops mid-work

        await using (var context = Database.CreateContext())
        {
            var row = await context.Set<IdentomatInboxMessage>().SingleAsync();
            Assert.That((row.State, row.ClaimedBy, row.FailedAttempts), Is.EqualTo((InboxState.Pending, (string?)null, 0)), "given back, not counted as a failure");
        }

        await using var next = await StartAsync(instance: "next");
        Assert.That(await next.ProcessInboxAsync(), Is.EqualTo(1));
        Assert.That(RecordingHandler.Calls.Single().Text, Is.EqualTo("Your code is 4321"));
    }

    private sealed class BlockingHandler : IIdentomatCallbackHandler<OneTimePasswordRequestCallback>
    {
        public static TaskCompletionSource<bool> Started { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task HandleAsync(OneTimePasswordRequestCallback callback, IdentomatCallbackContext context, CancellationToken cancellationToken)
        {
            Started.TrySetResult(true);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    private static Task WaitUntilDueAsync() => Task.Delay(250);
}
