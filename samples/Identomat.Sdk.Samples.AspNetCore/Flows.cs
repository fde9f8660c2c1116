using Identomat.Sdk;

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

/// <summary>Who the signed-in user is: from the authentication cookie, never from the request's URL or body.</summary>
internal static class Users
{
    public static string IdOf(System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? throw new InvalidOperationException("The endpoint requires a signed-in user.");
}

/// <summary>What the return endpoint tells the browser: the stage and status, no personal data.</summary>
internal sealed record VerificationOutcome(string? Status, string Stage, string? DocumentType);
