using System.Security.Claims;
using Identomat.Sdk;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

// A minimal API that verifies its signed-in users with Identomat:
//   POST /verify               starts a session for the signed-in user and redirects to the widget
//   POST /verify/iframe        the same flow embedded in an iframe on this site
//   GET  /verify/done          the return_url: the signed-in user's own result, or 202 while it is in progress
//   POST /identomat/callback   authenticated vendor callbacks (one-time passwords to send, ...), each handled once
// Who the user is comes from the authentication cookie, never from the URL; every POST a browser makes carries an
// antiforgery token. Settings come from configuration: Identomat__CompanyKey, Identomat__CallbackApiKeys__0, ...
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddIdentomat(builder.Configuration.GetSection("Identomat"));   // also registers IdentomatCallbackParser
var fake = FakeIdentomat.UseIfEnabled(builder);   // Development only: no account needed (IdentomatFake:Enabled)
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie => cookie.LoginPath = "/login");
builder.Services.AddAuthorization();
builder.Services.AddAntiforgery();
builder.Services.AddSingleton(new VerificationStore(
    builder.Configuration.GetConnectionString("Verifications")
    ?? $"Data Source={Path.Combine(builder.Environment.ContentRootPath, "verifications.db")}"));
builder.Services.AddSingleton<ISmsSender, LoggingSmsSender>();
if (fake is not null)
{
    builder.Services.AddSingleton<ISmsSender, FakeSmsSender>();   // the fake's codes on the console (they are fake)
}
var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
FakeIdentomat.SendCallbacksTo(app, fake, "/identomat/callback");

app.MapGet("/", (HttpContext http, IAntiforgery antiforgery) => Results.Content(Pages.Home(http, antiforgery), "text/html"));

// A stand-in for your application's own sign-in: any name signs in (this sample has no passwords).
app.MapGet("/login", (HttpContext http, IAntiforgery antiforgery) => Results.Content(Pages.Login(http, antiforgery), "text/html"));
app.MapPost("/login", async ([FromForm] string userName, HttpContext http) =>
{
    if (string.IsNullOrWhiteSpace(userName) || userName.Length > 64)
    {
        return Results.BadRequest();
    }

    var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userName.Trim())], CookieAuthenticationDefaults.AuthenticationScheme);
    await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    return Results.LocalRedirect("/");
});

app.MapPost("/verify", async (ClaimsPrincipal user, HttpRequest http, IIdentomatClient identomat, VerificationStore store, CancellationToken cancellationToken) =>
{
    var userId = Users.IdOf(user);
    var returnUrl = new Uri($"{http.Scheme}://{http.Host}/verify/done");
    var session = await identomat.BeginSessionAsync(Flows.ForUser(userId, returnUrl), cancellationToken);
    store.Save(userId, session);
    return Results.Redirect(session.WidgetUrl.ToString());
}).RequireAuthorization().RequireAntiforgeryToken();

app.MapPost("/verify/iframe", async (ClaimsPrincipal user, IIdentomatClient identomat, VerificationStore store, CancellationToken cancellationToken) =>
{
    var userId = Users.IdOf(user);
    var session = await identomat.BeginSessionAsync(Flows.ForUser(userId, returnUrl: null), cancellationToken);
    store.Save(userId, session);
    return Results.Content(Pages.Embedded(session.WidgetUrl, done: "/verify/done"), "text/html");
}).RequireAuthorization().RequireAntiforgeryToken();

// How long the return page waits for a result that lags behind the user, before it says "still in progress".
var resultWait = app.Configuration.GetValue("Sample:ResultWait", TimeSpan.FromSeconds(10));
app.MapGet("/verify/done", async (ClaimsPrincipal user, IIdentomatClient identomat, VerificationStore store, CancellationToken cancellationToken) =>
{
    if (store.TokenOf(Users.IdOf(user)) is not { } token)
    {
        return Results.NotFound();
    }

    try
    {
        // The result can lag behind the user: wait a little, and say "still in progress" rather than fail.
        var progress = await identomat.WaitForResultAsync(token, new ResultPollingOptions { Timeout = resultWait, FirstDelay = TimeSpan.FromMilliseconds(250) }, cancellationToken);
        var outcome = new VerificationOutcome(progress.LastResult?.Status?.Value, progress.Stage.ToString(), progress.LastResult?.DocumentType?.Value);
        return progress.HasCompleted ? Results.Ok(outcome) : Results.Accepted(value: outcome);
    }
    catch (IdentomatSessionNotFoundException)
    {
        return Results.NotFound();
    }
    catch (IdentomatException ex) when (ex.IsTransient)
    {
        return Results.Problem(title: "Identomat is unavailable; try again shortly", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}).RequireAuthorization();

// The vendor posts here: no cookie, no antiforgery token; the callbackApiKey in the body authenticates it.
app.MapPost("/identomat/callback", async (HttpRequest http, IdentomatCallbackParser callbacks, VerificationStore store, ISmsSender sms, ILogger<VerificationStore> log) =>
{
    IdentomatCallback callback;
    try
    {
        callback = await callbacks.ParseAsync(http.Body, http.HttpContext.RequestAborted);
    }
    catch (IdentomatCallbackException ex)
    {
        return Results.StatusCode(ex.StatusCode);   // 401, 413 or 400; the body is not echoed
    }

    if (!store.TryMarkHandled(callback.DeduplicationKey))
    {
        return Results.Ok();   // delivered again, or replayed: handled once already
    }

    switch (callback)
    {
        case OneTimePasswordRequestCallback { PhoneNumber: { } phone, Text: { } text }:
            await sms.SendAsync(phone, text, http.HttpContext.RequestAborted);
            break;
        case ShareSessionLinkViaSmsCallback { PhoneNumber: { } phone, Text: { } text }:
            await sms.SendAsync(phone, text, http.HttpContext.RequestAborted);
            break;
        default:
            log.LogInformation("Identomat callback {Type} received", callback.Type);
            break;
    }

    return Results.Ok();
});

app.Run();

/// <summary>Visible to the in-process tests.</summary>
public partial class Program;
