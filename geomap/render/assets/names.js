/* geomap map page: country names in the reader's language. make_map's lang= (D.lang), else the
 * browser's languages (navigator.languages, in the reader's order), picks one of the languages
 * the basemap carries (B.country_names: language -> a name per country, null where it is the
 * English one); English (Natural Earth) otherwise. The page writes a name as text, in an element
 * with its lang and dir="auto": Arabic, Persian and Hebrew run right to left. */
(function () {
  "use strict";
  var P = window.geomapParts = window.geomapParts || {};
  P.nameLanguage = function (D, names) {
    var nav = window.navigator || {}, want = D.lang ? [D.lang]
      : (nav.languages && nav.languages.length ? nav.languages : [nav.language || "en"]);
    for (var i = 0; i < want.length; i++) {
      var primary = String(want[i] || "").toLowerCase().split(/[-_]/)[0];
      if (primary === "en") { return "en"; }
      if (names && Object.prototype.hasOwnProperty.call(names, primary)) { return primary; }
    }
    return "en";
  };
}());
