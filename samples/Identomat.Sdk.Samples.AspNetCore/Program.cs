using System.Collections.Concurrent;
using System.Net;
using Identomat.Sdk;

// A minimal API that verifies its users with Identomat:
//   GET  /verify/{userId}          starts a session and redirects the user to the widget
//   GET  /verify/{userId}/iframe   the same flow embedded in an iframe on your page
//   GET  /verify/{userId}/done     the return_url: reads the typed result
//   POST /identomat/callback       authenticated vendor callbacks (one-time passwords to send, ...)
// Settings come from appsettings.json / environment: Identomat__CompanyKey, Identomat__CallbackApiKeys__0, ...
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddIdentomat(builder.Configuration.GetSection("Identomat"));   // also registers IdentomatCallbackParser
builder.Services.AddSingleton<VerificationStore>();
builder.Services.AddSingleton<ISmsSender, LoggingSmsSender>();
var app = builder.Build();

app.MapGet("/", () => Results.Content("<a href=\"/verify/demo-user\">Verify me</a> · <a href=\"/verify/demo-user/iframe\">Verify me here</a>", "text/html"));

app.MapGet("/verify/{userId}", async (string userId, HttpRequest http, IIdentomatClient identomat, VerificationStore store, CancellationToken cancellationToken) =>
{
    var returnUrl = new Uri($"{http.Scheme}://{http.Host}/verify/{Uri.EscapeDataString(userId)}/done");
    var session = await identomat.BeginSessionAsync(Flows.ForUser(userId, returnUrl), cancellationToken);
    store.Save(userId, session.Token);
    return Results.Redirect(session.WidgetUrl.ToString());
});

app.MapGet("/verify/{userId}/iframe", async (string userId, IIdentomatClient identomat, VerificationStore store, CancellationToken cancellationToken) =>
{
    var session = await identomat.BeginSessionAsync(Flows.ForUser(userId, returnUrl: null), cancellationToken);
    store.Save(userId, session.Token);
    var done = WebUtility.HtmlEncode($"/verify/{Uri.EscapeDataString(userId)}/done");
    // Only the widget may say the flow is done: any other window could post "DONE" to this page.
    var widgetOrigin = System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(session.WidgetUrl.GetLeftPart(UriPartial.Authority));
    var html = $$"""
        <!doctype html>
        <title>Verify your identity</title>
        <iframe src="{{WebUtility.HtmlEncode(session.WidgetUrl.ToString())}}" allow="camera; microphone" style="width:100%;height:90vh;border:0"></iframe>
        <script>
          window.addEventListener("message", function (e) {
            if (e.origin !== "{{widgetOrigin}}") { return; }
            if (e.data === "DONE") { window.location.href = "{{done}}"; }
          });
        </script>
        """;
    return Results.Content(html, "text/html");
});

app.MapGet("/verify/{userId}/done", async (string userId, IIdentomatClient identomat, VerificationStore store, CancellationToken cancellationToken) =>
{
    if (store.TokenOf(userId) is not { } token)
    {
        return Results.NotFound();
    }

    try
    {
        var result = await identomat.GetResultAsync(token, cancellationToken);
        return Results.Ok(new VerificationOutcome(userId, result.Status?.Value ?? "in_progress", result.DocumentType?.Value, result.Similarity));
    }
    catch (IdentomatSessionNotFoundException)
    {
        return Results.NotFound();
    }
    catch (IdentomatException ex)
    {
        return Results.Problem(title: "Identomat is unavailable", detail: ex.Message, statusCode: StatusCodes.Status502BadGateway);
    }
});

app.MapPost("/identomat/callback", async (HttpRequest http, IdentomatCallbackParser callbacks, ISmsSender sms, ILogger<VerificationStore> log) =>
{
    IdentomatCallback callback;
    try
    {
        callback = await callbacks.ParseAsync(http.Body, http.HttpContext.RequestAborted);
    }
    catch (IdentomatCallbackException ex)
    {
        return ex.Error == IdentomatCallbackError.WrongKey ? Results.Unauthorized() : Results.BadRequest();
    }

    switch (callback)
    {
        case OneTimePasswordRequestCallback otp when otp.PhoneNumber is { } phone && otp.Text is { } text:
            await sms.SendAsync(phone, text, http.HttpContext.RequestAborted);
            break;
        case ShareSessionLinkViaSmsCallback link when link.PhoneNumber is { } phone && link.Text is { } text:
            await sms.SendAsync(phone, text, http.HttpContext.RequestAborted);
            break;
        default:
            log.LogInformation("Identomat callback {Type} received", callback.Type);
            break;
    }

    return Results.Ok();
});

app.Run();

/// <summary>The flow this application asks of its users.</summary>
internal static class Flows
{
    public static SessionRequest ForUser(string userId, Uri? returnUrl)
    {
        var builder = new SessionBuilder()
            .ForClientUser(userId)
            .AddIdentityDocument(f => f with { DocumentTypes = [DocumentType.Id, DocumentType.Passport] })
            .AddLiveness()
            .AddPhoneNumber(f => f with { RequirePhoneNumberCheck = true });
        return (returnUrl is null ? builder : builder.ReturnTo(returnUrl)).Build();
    }
}

/// <summary>What the return endpoint tells the browser: no personal data.</summary>
internal sealed record VerificationOutcome(string UserId, string Status, string? DocumentType, double? Similarity);

/// <summary>Which session belongs to which user. A real application keeps this in its database.</summary>
internal sealed class VerificationStore
{
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public void Save(string userId, string token) => _tokens[userId] = token;

    public string? TokenOf(string userId) => _tokens.TryGetValue(userId, out var token) ? token : null;
}

/// <summary>Sends the SMS the vendor asks for (one-time passwords, session links).</summary>
public interface ISmsSender
{
    /// <summary>Sends a text message.</summary>
    Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken);
}

/// <summary>Stands in for an SMS gateway: logs that a message was queued, never its number or text.</summary>
internal sealed class LoggingSmsSender(ILogger<LoggingSmsSender> log) : ISmsSender
{
    public Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken)
    {
        log.LogInformation("SMS of {Length} characters queued", text.Length);
        return Task.CompletedTask;
    }
}

/// <summary>Visible to the in-process tests.</summary>
public partial class Program;
