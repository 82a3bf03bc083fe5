"""rdflib's parse tree with the place of each variable and group (plankg.sparql.parsetree)."""

import pytest
from rdflib.plugins.sparql.parserutils import CompValue

import plankg
from plankg.errors import QueryError
from plankg.sparql.parsetree import PlacedVariable, parse_tree
from plankg.sparql.text import declare_prefixes


def placed(node, found):
    """Every placed variable and placed group under ``node``."""
    if isinstance(node, PlacedVariable):
        found.append(node)
    elif isinstance(node, CompValue):
        if getattr(node, "end", None) is not None:
            found.append(node)
        for value in node.values():
            placed(value, found)
    elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        for value in node:
            placed(value, found)
    return found


def check_places(text, tree):
    found = placed(tree, [])
    for item in found:
        if isinstance(item, PlacedVariable):
            assert text[item.at] in "?$" and text[item.at + 1:item.at + 1 + len(item)] == str(item), (item, item.at)
        else:
            assert text[item.at] == "{" and text[item.end - 1] == "}", (item.name, item.at, item.end)
    return found


@pytest.mark.parametrize("name", sorted(plankg.QueryLibrary()))
def test_every_variable_and_group_of_every_named_query_is_placed_on_its_text(kg, name):
    query = declare_prefixes(plankg.QueryLibrary()[name].text, kg.prefixes)
    text, tree = parse_tree(query)
    found = check_places(text, tree)
    assert any(isinstance(item, PlacedVariable) for item in found)


def test_variables_in_strings_iris_and_comments_are_not_variables():
    query = 'SELECT ?s # ?x {\nWHERE { # ?x }\n ?s <http://e/p?x> "?x $x" ; ?p $x . } # ?x'
    text, tree = parse_tree(query)
    found = check_places(text, tree)
    subject, predicate, obj = query.index("?s <"), query.index("?p $x"), query.index("$x .")
    assert [(str(v), v.at) for v in found if isinstance(v, PlacedVariable)] == [
        ("s", 7), ("s", subject), ("s", subject), ("p", predicate), ("x", obj),
    ]
    where = tree[-1].where
    assert text[where.at:where.end] == query[query.index("{ #"):query.index(". }") + 3]


def test_positions_index_the_text_with_its_escapes_expanded():
    query = 'SELECT ?s WHERE { ?s ?p "\\u00e9\\u00e9" ; ?q ?x }'
    text, tree = parse_tree(query)
    assert text == 'SELECT ?s WHERE { ?s ?p "éé" ; ?q ?x }'
    check_places(text, tree)


def test_a_query_rdflib_cannot_parse_is_a_query_error():
    with pytest.raises(QueryError, match="does not parse on rdflib"):
        parse_tree("SELECT ?s WHERE { ?s ?p }")
