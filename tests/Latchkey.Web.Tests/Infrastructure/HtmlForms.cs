using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Latchkey.Web.Tests.Infrastructure;

/// <summary>Parses pages with AngleSharp and submits their forms as a browser without JavaScript would.</summary>
public static class HtmlForms
{
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content(html).Address(response.RequestMessage!.RequestUri!));
    }

    /// <summary>The text of the label bound to the input named <paramref name="name"/>.</summary>
    public static string LabelFor(IDocument document, string name)
    {
        ArgumentNullException.ThrowIfNull(document);
        var input = document.QuerySelector($"input[name='{name}']") ?? throw new InvalidOperationException($"No input {name}.");
        return document.QuerySelector($"label[for='{input.Id}']")?.TextContent.Trim() ?? "";
    }

    /// <summary>Posts the first form on the page with its hidden fields (antiforgery included) plus <paramref name="values"/>.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, IDocument document, IDictionary<string, string> values, string selector = "main form")
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(document);
        var form = (IHtmlFormElement)(document.QuerySelector(selector) ?? throw new InvalidOperationException("No form."));
        var fields = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name))
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (key, value) in values)
        {
            fields[key] = value;
        }

        var action = new Uri(new Uri(document.Url), form.GetAttribute("action") ?? "");
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }
}
