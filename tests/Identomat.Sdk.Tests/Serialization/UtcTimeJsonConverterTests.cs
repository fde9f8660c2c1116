using System.Net;
using System.Text;
using System.Text.Json;
using Identomat.Sdk;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Tests.Boundaries;

namespace Identomat.Sdk.Tests.Serialization;

/// <summary>The request's times: ISO 8601 only, written in UTC to the millisecond, a schedule window compared as the wire carries it.</summary>
public class UtcTimeJsonConverterTests
{
    // Non-ISO dates were read by culture rules; a window shorter than the wire's millisecond
    // validated clean and was sent as an empty one.
    [TestCase("Jan 5 2024")]
    [TestCase("01/02/2024 3:00 PM")]
    [TestCase("2024-13-01")]
    public void Dates_that_are_not_ISO_8601_are_refused(string date)
    {
        var ex = Assert.Throws<IdentomatValidationException>(() => SessionRequest.FromJson("{\"scheduleStartTime\":\"" + date + "\"}"));
        Assert.That(ex!.Errors.Single().Path, Is.EqualTo("scheduleStartTime"));
    }

    [TestCase("2024-01-05", "2024-01-05T00:00:00.000Z")]
    [TestCase("2024-01-05T10:20Z", "2024-01-05T10:20:00.000Z")]
    [TestCase("2024-01-05T10:20:30+02:00", "2024-01-05T08:20:30.000Z")]
    [TestCase("2024-01-05T10:20:30.1234567Z", "2024-01-05T10:20:30.123Z")]
    public void ISO_8601_dates_are_read_and_written_in_UTC_to_the_millisecond(string date, string written) =>
        Assert.That(SessionRequest.FromJson("{\"scheduleStartTime\":\"" + date + "\"}").ToJson(), Is.EqualTo("{\"scheduleStartTime\":\"" + written + "\"}"));

    [Test]
    public void A_schedule_window_is_compared_as_the_wire_carries_it()
    {
        var request = SessionRequest.FromJson("""{"scheduleStartTime":"2024-01-01T00:00:00.0001Z","scheduleEndTime":"2024-01-01T00:00:00.0002Z"}""");
        Assert.That(request.Validate().Select(e => e.Path), Is.EqualTo(new[] { "scheduleEndTime" }));
    }
}
