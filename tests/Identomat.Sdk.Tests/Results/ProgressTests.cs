#pragma warning disable CA2022, CA2016, CA1849
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Identomat.Sdk;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Tests.Boundaries;
using Microsoft.Extensions.Time.Testing;

namespace Identomat.Sdk.Tests.Results;

/// <summary>
/// "Not yet" is a value and "final" is defined once: three stages from the status, a wait that ends at the stage asked
/// for or at its deadline (the read in flight included) with the last result read, and no exception for either.
/// </summary>
public class ProgressTests
{
    [TestCase("approved", VerificationStage.Final)]
    [TestCase("rejected", VerificationStage.Final)]
    [TestCase("manual_check", VerificationStage.InReview)]
    [TestCase("waiting_for_operator", VerificationStage.InProgress)]
    [TestCase("", VerificationStage.InProgress)]
    [TestCase("APPROVED", VerificationStage.InProgress)]
    public void A_status_has_one_stage(string status, VerificationStage stage)
    {
        Assert.That(new VerificationStatus(status).Stage, Is.EqualTo(stage));
        Assert.That(new VerificationResult { Status = status }.Stage, Is.EqualTo(stage));
    }

    [Test]
    public void No_status_is_in_progress_and_known_keeps_its_meaning()
    {
        Assert.That(new VerificationResult().Stage, Is.EqualTo(VerificationStage.InProgress));
        Assert.That(VerificationStatus.ManualCheck.IsKnown, Is.True, "a value the SDK knows, not a final one");
        Assert.That(VerificationStage.InProgress < VerificationStage.InReview && VerificationStage.InReview < VerificationStage.Final, Is.True);
    }

    private static async Task<VerificationProgress> Wait(IdentomatClient client, string token, FakeTimeProvider time, ResultPollingOptions options)
    {
        options.TimeProvider = time;
        var wait = client.WaitForResultAsync(token, options);
        while (!wait.IsCompleted)
        {
            await Task.Delay(2);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        return await wait;
    }

    [Test]
    public async Task By_default_the_wait_ends_when_the_users_part_is_over()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient();
        var token = fake.AddSession(FakeResults.ManualCheck());

        var progress = await Wait(client, token, new FakeTimeProvider(), new ResultPollingOptions());

        Assert.That(progress.HasCompleted, Is.True);
        Assert.That(progress.Stage, Is.EqualTo(VerificationStage.InReview));
        Assert.That(progress.Reads, Is.EqualTo(1));
    }

    [Test]
    public async Task Waiting_for_the_verdict_goes_on_through_the_review()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient();
        var token = fake.AddSession(FakeResults.ManualCheck());
        var time = new FakeTimeProvider();
        var wait = client.WaitForResultAsync(token, new ResultPollingOptions { Until = VerificationStage.Final, TimeProvider = time });
        while (fake.CallCount(FakeOperation.Result) < 3)
        {
            await Task.Delay(2);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        fake.CompleteSession(token, FakeResults.Rejected());
        while (!wait.IsCompleted)
        {
            await Task.Delay(2);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var progress = await wait;
        Assert.That(progress.HasCompleted, Is.True);
        Assert.That(progress.LastResult!.Status, Is.EqualTo(VerificationStatus.Rejected));
    }

    [Test]
    public async Task A_user_still_in_the_flow_is_a_value_at_the_deadline()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient();
        var token = fake.AddSession();

        var progress = await Wait(client, token, new FakeTimeProvider(), new ResultPollingOptions { Timeout = TimeSpan.FromMinutes(2) });

        Assert.That(progress.HasCompleted, Is.False);
        Assert.That(progress.Stage, Is.EqualTo(VerificationStage.InProgress));
        Assert.That(progress.LastResult, Is.Not.Null);
        Assert.That(progress.LastResult!.Status, Is.Null);
        Assert.That(progress.ToString(), Is.EqualTo($"VerificationProgress {{ HasCompleted = False, Stage = InProgress, Reads = {progress.Reads} }}"));
    }

    [Test]
    public async Task The_deadline_bounds_the_read_in_flight()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient();
        var token = fake.AddSession();
        fake.FailNext(FakeOperation.Result, 1, FakeFault.Delay(TimeSpan.FromSeconds(5)), token);
        var watch = Stopwatch.StartNew();

        var progress = await client.WaitForResultAsync(token, new ResultPollingOptions { Timeout = TimeSpan.FromMilliseconds(300) });

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)), "one slow read held the wait for 5 s");
        Assert.That(progress.HasCompleted, Is.False);
        Assert.That(progress.LastResult, Is.Null, "no read finished before the deadline");
        Assert.That(progress.Reads, Is.Zero);
    }

    [Test]
    public void The_callers_cancellation_stays_a_cancellation()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient();
        var token = fake.AddSession();
        using var cts = new CancellationTokenSource(100);

        Assert.That(async () => await client.WaitForResultAsync(token, new ResultPollingOptions { Timeout = TimeSpan.FromMinutes(5) }, cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Invalid_polling_options_are_refused_with_every_problem()
    {
        var options = new ResultPollingOptions { Until = VerificationStage.InProgress, FirstDelay = TimeSpan.FromMilliseconds(1), Timeout = TimeSpan.Zero };

        Assert.That(options.Validate(), Has.Count.EqualTo(3));
        Assert.That(options.Validate()[1], Is.EqualTo("FirstDelay must be from 10 ms to MaxDelay (30 s); it is 1 ms."));
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient();
        Assert.That(async () => await client.WaitForResultAsync("t", options), Throws.ArgumentException.With.Message.Contain("Until must be InReview or Final"));
    }

    [Test]
    public void An_empty_reject_reason_reads_as_null_and_is_written_back_as_received()
    {
        var approved = VerificationResult.FromJson("""{"result":"approved","reject_reason":{"value":"","description":""}}""");
        var rejected = VerificationResult.FromJson("""{"result":"rejected","reject_reason":{"value":"face_mismatch","description":"Face"}}""");

        Assert.That(approved.RejectReason!.Value, Is.Null);
        Assert.That(approved.RejectReason.Description, Is.Null);
        Assert.That(approved.ToJson(), Is.EqualTo("""{"result":"approved","reject_reason":{"value":"","description":""}}"""));
        Assert.That(rejected.RejectReason!.Value, Is.EqualTo("face_mismatch"));
        Assert.That(rejected.RejectReason.Description, Is.EqualTo("Face"));
    }

    // WaitForResultAsync checks its options ("Timeout more than zero", FirstDelay <= MaxDelay) but
    // Timeout = TimeSpan.MaxValue throws ArgumentOutOfRangeException from DateTimeOffset arithmetic before the first
    // read, and a delay over ~49.7 days throws it from Task.Delay: undocumented exceptions for values it accepted.
    [Test]
    public async Task WaitForResult_with_no_practical_deadline_returns_the_final_result()
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, "{\"result\":\"approved\"}"u8.ToArray()));
        using var client = handler.Client();

        var result = await client.WaitForResultAsync(Hostile.Token, new ResultPollingOptions { Timeout = TimeSpan.MaxValue });

        Assert.That(result.LastResult?.Status?.Value, Is.EqualTo("approved"));
    }

    [Test]
    public void WaitForResult_with_delays_longer_than_a_timer_allows_is_refused_or_waits()
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, "{\"result\":\"pending\"}"u8.ToArray()));
        using var client = handler.Client();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var options = new ResultPollingOptions { FirstDelay = TimeSpan.FromDays(60), MaxDelay = TimeSpan.FromDays(60), Timeout = TimeSpan.FromDays(365) };

        Assert.That(
            async () => await client.WaitForResultAsync(Hostile.Token, options, cts.Token),
            Throws.TypeOf<ArgumentException>().Or.InstanceOf<OperationCanceledException>());
    }
}
