using System.Text.Json;
using System.Text.Json.Serialization;
using Identomat.Sdk.Testing;

namespace Identomat.Sdk.Tests.Sessions;

/// <summary>
/// A request is checked when it is written or sent, whatever happened to it since it was built: records are immutable
/// to C#, not to a serializer's populate mode.
/// </summary>
public class RevalidationTests
{
    private static readonly JsonSerializerOptions Reflection = new() { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    private static SessionRequest _target = new();

    /// <summary>Something an application deserializes settings into, populating the request it already holds.</summary>
    private sealed class Settings
    {
        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public SessionRequest Request { get; } = _target;
    }

    [Test]
    public async Task A_request_changed_by_populate_mode_after_it_was_valid_is_refused_when_sent()
    {
        var request = new SessionBuilder().AddLiveness(key: "face").Build();
        Assert.That(request.Validate(), Is.Empty);
        _target = request;

        // The serializer sets the init-only Steps of the very instance that was validated: two steps with one key.
        JsonSerializer.Deserialize<Settings>(
            """{"Request":{"steps":[{"type":"liveness","key":"face"},{"type":"liveness","key":"face"}]}}""",
            Reflection);
        Assert.That(request.Steps, Has.Count.EqualTo(2), "the validated instance was changed in place");

        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient();

        var ex = Assert.ThrowsAsync<IdentomatValidationException>(() => client.BeginSessionAsync(request));

        Assert.That(ex!.Errors.Single().Path, Is.EqualTo("steps[1].key"));
        Assert.That(fake.CallCount(FakeOperation.Begin), Is.Zero, "nothing was sent");
        Assert.That(() => request.ToJson(), Throws.TypeOf<IdentomatValidationException>());
        await Task.CompletedTask;
    }

    [Test]
    public void A_session_issued_at_the_end_of_the_calendar_expires_at_its_end()
    {
        var near = new IdentomatSession("t", new Uri("https://w.example/"), DateTimeOffset.MaxValue.AddMinutes(-1));
        var ahead = new IdentomatSession("t", new Uri("https://w.example/"), new DateTimeOffset(DateTime.MaxValue.AddMinutes(-10), TimeSpan.FromHours(14)));
        var ordinary = new IdentomatSession("t", new Uri("https://w.example/"), new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero));

        Assert.That(near.ExpiresAt, Is.EqualTo(DateTimeOffset.MaxValue));
        Assert.That(ahead.ExpiresAt, Is.EqualTo(DateTimeOffset.MaxValue), "the offset's own clock would pass the calendar's end");
        Assert.That(ordinary.ExpiresAt, Is.EqualTo(ordinary.IssuedAt.AddMinutes(15)));
    }
}
