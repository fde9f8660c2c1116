using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

/// <summary>The sample's pages: plain HTML, every value encoded, every form with its antiforgery token.</summary>
internal static class Pages
{
    public static string Home(HttpContext http, IAntiforgery antiforgery)
    {
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return Page("Verify your identity", "<p><a href=\"/login\">Sign in</a> to verify your identity.</p>");
        }

        var token = Token(http, antiforgery);
        var name = WebUtility.HtmlEncode(http.User.Identity.Name ?? http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);
        return Page("Verify your identity", $"""
            <p>Signed in as {name}.</p>
            <form method="post" action="/verify">{token}<button>Verify me</button></form>
            <form method="post" action="/verify/iframe">{token}<button>Verify me here</button></form>
            """);
    }

    public static string Login(HttpContext http, IAntiforgery antiforgery) => Page("Sign in", $"""
        <form method="post" action="/login">{Token(http, antiforgery)}
          <label>Name <input name="userName" required maxlength="64" autofocus></label>
          <button>Sign in</button>
        </form>
        """);

    /// <summary>The widget in an iframe. Only the widget may say the flow is done: any other window could post "DONE".</summary>
    public static string Embedded(Uri widgetUrl, string done)
    {
        var widgetOrigin = JavaScriptEncoder.Default.Encode(widgetUrl.GetLeftPart(UriPartial.Authority));
        return Page("Verify your identity", $$"""
            <iframe src="{{WebUtility.HtmlEncode(widgetUrl.ToString())}}" allow="camera; microphone" style="width:100%;height:90vh;border:0"></iframe>
            <script>
              window.addEventListener("message", function (e) {
                if (e.origin !== "{{widgetOrigin}}") { return; }
                if (e.data === "DONE") { window.location.href = "{{JavaScriptEncoder.Default.Encode(done)}}"; }
              });
            </script>
            """);
    }

    private static string Token(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(tokens.FormFieldName)}\" value=\"{WebUtility.HtmlEncode(tokens.RequestToken)}\">";
    }

    private static string Page(string title, string body) =>
        $"<!doctype html>\n<meta charset=\"utf-8\">\n<title>{WebUtility.HtmlEncode(title)}</title>\n{body}\n";
}
