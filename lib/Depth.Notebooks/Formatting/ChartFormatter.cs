using Microsoft.FSharp.Core;
using Plotly.NET;

namespace Depth.Notebooks.Formatting;

/// <summary>Plotly.NET charts as the site shows them: a div plus a Plotly.newPlot script, with no network reference.</summary>
public static class ChartFormatter
{
    /// <summary>
    /// <c>GenericChart.toChartHTML</c> of the chart after <c>DisplayOptions(PlotlyJSReference = NoReference)</c>:
    /// the page that shows it loads plotly.js itself.
    /// </summary>
    public static string ToHtml(GenericChart chart)
    {
        var options = DisplayOptions.init(
            DocumentTitle: FSharpOption<string>.None, DocumentCharset: FSharpOption<string>.None,
            DocumentDescription: FSharpOption<string>.None, DocumentFavicon: FSharpOption<Giraffe.ViewEngine.HtmlElements.XmlNode>.None,
            AdditionalHeadTags: FSharpOption<Microsoft.FSharp.Collections.FSharpList<Giraffe.ViewEngine.HtmlElements.XmlNode>>.None,
            ChartDescription: FSharpOption<Microsoft.FSharp.Collections.FSharpList<Giraffe.ViewEngine.HtmlElements.XmlNode>>.None,
            PlotlyJSReference: FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.NoReference));
        return GenericChart.toChartHTML(GenericChart.addDisplayOptions(options, chart));
    }
}
