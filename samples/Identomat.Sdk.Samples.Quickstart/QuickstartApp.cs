using System.Globalization;
using Identomat.Sdk.Testing;

namespace Identomat.Sdk.Samples.Quickstart;

/// <summary>The quickstart, callable from a test as well as from <c>Program</c>.</summary>
public static class QuickstartApp
{
    /// <summary>Runs the quickstart.</summary>
    /// <param name="output">Where to print.</param>
    /// <param name="environment">Reads an environment variable: <c>IDENTOMAT_COMPANY_KEY</c>, <c>IDENTOMAT_SECRET_KEY</c>, <c>IDENTOMAT_BASE_ADDRESS</c>, <c>IDENTOMAT_POLL_SECONDS</c>.</param>
    /// <param name="cancellationToken">Stops the run (Ctrl+C).</param>
    /// <returns>0 on success; 1 when the service failed; 2 when the settings or the flow are invalid; 130 when cancelled.</returns>
    public static async Task<int> RunAsync(TextWriter output, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        try
        {
            var companyKey = environment("IDENTOMAT_COMPANY_KEY");
            return string.IsNullOrWhiteSpace(companyKey)
                ? await RunAgainstFakeAsync(output, cancellationToken)
                : await RunAgainstServiceAsync(output, companyKey, environment, cancellationToken);
        }
        catch (IdentomatValidationException ex)
        {
            output.WriteLine("The flow is invalid:");
            foreach (var error in ex.Errors)
            {
                output.WriteLine("  " + error);
            }

            return 2;
        }
        catch (ArgumentException ex)
        {
            output.WriteLine("Invalid settings: " + ex.Message);
            return 2;
        }
        catch (IdentomatException ex)
        {
            output.WriteLine($"Identomat failed ({ex.GetType().Name}): {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.WriteLine("Cancelled.");
            return 130;
        }
    }

    /// <summary>A realistic flow: language, identity document, liveness and a short questionnaire.</summary>
    /// <param name="returnUrl">Where the widget sends the user afterwards; the session is meant for an iframe when null.</param>
    /// <returns>The validated request.</returns>
    public static SessionRequest BuildFlow(Uri? returnUrl)
    {
        var builder = new SessionBuilder()
            .Language(LanguageCode.English)
            .ForClientUser("quickstart-user-1")
            .AddLanguageSelection(LanguageCode.English, LanguageCode.Georgian)
            .AddIdentityDocument(f => f with { DocumentTypes = [DocumentType.Id, DocumentType.Passport], AllowDocumentUpload = true })
            .AddLiveness(f => f with { ActiveLiveness = false })
            .AddUserQuestionnaire("about_you", new LocalizedText("en", "About you").With("ka", "თქვენ შესახებ"), q => q
                .AddSingleChoice("employment", "Employment status", [new("employed", "Employed"), new("self_employed", "Self-employed"), new("student", "Student")], x => x with { Mandatory = true })
                .AddText("employer", "Employer", x => x with { ShowConditions = new("employment", "employed") })
                .AddMultipleChoice("income", "Sources of income", [new("salary", "Salary"), new("dividends", "Dividends"), new("other", "Other")])
                .SuccessButtonTitle("Continue"));
        return (returnUrl is null ? builder : builder.ReturnTo(returnUrl)).Build();
    }

    private static async Task<int> RunAgainstFakeAsync(TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine("No IDENTOMAT_COMPANY_KEY set: running against the embedded fake Identomat server (in process, no network).");
        using var fake = IdentomatFakeServer.StartInProcess(new() { SecretKey = "quickstart-secret" });
        using var client = fake.CreateClient();

        var request = BuildFlow(new Uri("https://example.com/kyc/done"));
        output.WriteLine($"Flow: {request.Steps!.Count} steps ({string.Join(", ", request.Steps.Select(s => s.Type))}).");
        var session = await client.BeginSessionAsync(request, cancellationToken);
        output.WriteLine($"Session started. Send the user to: {session.WidgetUrl}");

        output.WriteLine("Simulating the user completing the flow...");
        fake.CompleteSession(session.Token, FakeResults.Approved("NINO", "BERIDZE") with
        {
            Questionnaires = [FakeResults.Answers("about_you", ("employment", "employed"), ("employer", "Acme Ltd"), ("income", new[] { "salary", "dividends" }))],
        });
        fake.SetMedia(session.Token, MediaKind.Face, [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10], "image/jpeg");

        var result = await client.GetResultAsync(session.Token, cancellationToken);
        Print(output, result);
        await PrintMediaAsync(output, client, session.Token, cancellationToken);

        await client.DeleteSessionAsync(session.Token, cancellationToken);
        output.WriteLine("Session data deleted.");
        return result.Status == VerificationStatus.Approved ? 0 : 1;
    }

    private static async Task<int> RunAgainstServiceAsync(TextWriter output, string companyKey, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var options = new IdentomatClientOptions { CompanyKey = companyKey, SecretKey = NullIfBlank(environment("IDENTOMAT_SECRET_KEY")) };
        if (NullIfBlank(environment("IDENTOMAT_BASE_ADDRESS")) is { } baseAddress)
        {
            options.BaseAddress = new Uri(baseAddress);
        }

        var poll = TimeSpan.FromSeconds(int.TryParse(environment("IDENTOMAT_POLL_SECONDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : 5);
        using var client = new IdentomatClient(options);
        var session = await client.BeginSessionAsync(BuildFlow(returnUrl: null), cancellationToken);
        output.WriteLine($"Session started. Open this URL on a device with a camera: {session.WidgetUrl}");
        output.WriteLine($"Waiting for the result (checking every {poll.TotalSeconds:F0} s, up to 30 minutes; Ctrl+C to stop)...");

        var progress = await client.WaitForResultAsync(
            session.Token,
            new ResultPollingOptions { FirstDelay = poll, MaxDelay = poll, Timeout = TimeSpan.FromMinutes(30) },
            cancellationToken);
        if (progress.LastResult is { } result)
        {
            Print(output, result);
        }
        else
        {
            output.WriteLine("No result could be read in 30 minutes.");
        }

        // Done when the user's part is over: approved, rejected, or in review by an operator.
        return progress.HasCompleted ? 0 : 1;
    }

    private static void Print(TextWriter output, VerificationResult result)
    {
        output.WriteLine($"Result: {result.Status?.Value ?? "(in progress)"}");
        output.WriteLine($"  similarity {result.Similarity?.ToString("P0", CultureInfo.InvariantCulture) ?? "-"}, live {result.IsLive?.ToString() ?? "-"}, document {result.DocumentType?.Value ?? "-"}");
        if (result.Person is { } person)
        {
            output.WriteLine($"  person {person.FirstName} {person.LastName}, born {person.DateOfBirth:yyyy-MM-dd}, document expires {person.DocumentExpiryDate:yyyy-MM-dd}");
        }

        foreach (var questionnaire in result.Questionnaires ?? [])
        {
            foreach (var answer in questionnaire.Questions ?? [])
            {
                var value = answer.Text ?? (answer.Values is { } values ? string.Join(", ", values) : answer.Boolean?.ToString() ?? "-");
                output.WriteLine($"  {questionnaire.Key}.{answer.Key}: {value}");
            }
        }

        if (result.RejectReason is { Value: { Length: > 0 } reason })
        {
            output.WriteLine($"  rejected: {reason}");
        }
    }

    private static async Task PrintMediaAsync(TextWriter output, IIdentomatClient client, string token, CancellationToken cancellationToken)
    {
        foreach (var kind in new[] { MediaKind.Face, MediaKind.Passport })
        {
            using var media = await client.GetMediaAsync(token, kind, cancellationToken);
            if (media.IsAvailable)
            {
                using var copy = new MemoryStream();
                await media.Content.CopyToAsync(copy, cancellationToken);
                output.WriteLine($"  media {kind}: {copy.Length} bytes of {media.ContentType}");
            }
            else
            {
                output.WriteLine($"  media {kind}: not available");
            }
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
