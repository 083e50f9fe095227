"""What each to-do of a draft asks for, in the language the briefing is written in."""

from __future__ import annotations

from briefpress.content.todo import todo

# key: (en, es, pt-BR, zh-Hans)
_HINTS = {
    "preparer": ("who prepares the briefing", "quién prepara la nota informativa", "quem prepara a nota informativa",
                 "简报的编写者"),
    "source_author": ("who wrote the source", "quién escribió la fuente", "quem escreveu a fonte", "原文作者"),
    "title": ("the briefing’s title", "el título de la nota informativa", "o título da nota informativa", "简报标题"),
    "subtitle": ("one line on what this briefing summarises, and for whom",
                 "una línea sobre qué resume esta nota informativa y a quién se dirige",
                 "uma linha sobre o que esta nota informativa resume e a quem se destina",
                 "用一句话说明本简报概述的内容及读者对象"),
    "short_title": ("a short title for the running header", "un título breve para el encabezado",
                    "um título curto para o cabeçalho", "页眉用的简短标题"),
    "source_title": ("the source’s title", "el título de la fuente", "o título da fonte", "原文标题"),
    "overview": ("an overview of the source: its subject, its main claim, why it matters",
                 "un panorama de la fuente: su tema, su tesis principal y por qué importa",
                 "uma visão geral da fonte: seu tema, sua tese principal e por que importa",
                 "原文概述：主题、核心观点及其意义"),
    "figure": ("say what this figure counts", "indique qué mide esta cifra", "indique o que este número mede",
               "说明该数据统计的是什么"),
    "event": ("say what happened", "indique qué ocurrió", "indique o que aconteceu", "说明发生了什么"),
    "stands_for": ("what {term} stands for", "qué significa {term}", "o que significa {term}", "{term}的全称"),
    "speaker": ("who said it", "quién lo dijo", "quem disse", "说话人"),
    "part_title": ("the part’s title", "el título de la parte", "o título da parte", "本部分标题"),
    "introduction": ("Introduction", "Introducción", "Introdução", "引言"),
    "conclusion": ("Conclusion", "Conclusión", "Conclusão", "结语"),
    "summary": ("summarise this part in two to four sentences", "resuma esta parte en dos a cuatro oraciones",
                "resuma esta parte em duas a quatro frases", "用两到四句话概述本部分"),
    "points": ("write three to eight key points, one line each",
               "escriba de tres a ocho puntos clave, de una línea cada uno",
               "escreva de três a oito pontos-chave, de uma linha cada", "写出三到八个要点，每条一行"),
}  # fmt: skip
LANGUAGES = ("en", "es", "pt-BR", "zh-Hans")


def ask(key: str, lang: str, **values: str) -> str:
    """Return the to-do ``key`` in ``lang`` (``TODO: resuma esta parte …``), its placeholders filled."""
    return todo(_HINTS[key][LANGUAGES.index(lang)].format(**values))
