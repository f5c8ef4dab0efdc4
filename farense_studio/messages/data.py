"""Texts for the codes reported by farense_studio.data (problems in the club's examples)."""

MESSAGES = {
    # Errors: the line or file is left out of the prepared data (and listed, never silently).
    "invalid_json": ("JSON inválido na coluna {column}: {reason}.",
                     "Invalid JSON at column {column}: {reason}."),
    # The {reason} of invalid_json (data.formats.json_error_params picks one from json's error).
    "json_missing_comma": ("falta uma vírgula entre dois valores, ou um «]» ou «}}» a fechar",
                           "a comma between two values, or a closing “]” or “}}”, is missing"),
    "json_missing_colon": ("falta «:» entre o nome de um campo e o seu valor",
                           "a “:” is missing between a field name and its value"),
    "json_bad_name": ("esperava o nome de um campo entre aspas duplas (aspas simples não servem; "
                      "ou há uma vírgula a mais antes de «}}»)",
                      "expected a field name in double quotes (single quotes do not work; or there is "
                      "an extra comma before “}}”)"),
    "json_unterminated_string": ("um texto abre aspas e não as fecha",
                                 "a text opens quotes and never closes them"),
    "json_control_character": ("há uma tabulação ou outro carácter invisível dentro de um texto "
                               "(escreva \\t ou \\n)",
                               "there is a tab or another invisible character inside a text "
                               "(write \\t or \\n)"),
    "json_bad_escape": ("barra invertida «\\» inválida dentro de um texto (para uma barra, escreva «\\\\»)",
                        "invalid backslash “\\” inside a text (for a backslash, write “\\\\”)"),
    "json_extra_data": ("há mais texto depois do fim do exemplo (dois exemplos na mesma linha?)",
                        "there is more text after the end of the example (two examples on one line?)"),
    "json_expecting_value": ("esperava um valor (um texto entre aspas duplas, um número, true, false, "
                             "null, [...] ou {{...}})",
                             "expected a value (a text in double quotes, a number, true, false, null, "
                             "[...] or {{...}})"),
    "json_unexpected_end": ("o texto acaba antes de fechar todas as chavetas e parênteses retos",
                            "the text ends before every brace and bracket is closed"),
    "json_syntax": ("erro de sintaxe ({detail})", "syntax error ({detail})"),
    "invalid_utf8": ("O texto tem caracteres noutra codificação que não UTF-8 (por volta da coluna {position}); "
                     "guarde o ficheiro com a codificação UTF-8.",
                     "The text has characters in an encoding other than UTF-8 (around column {position}); "
                     "save the file with the UTF-8 encoding."),
    "unknown_format": ("Formato desconhecido: esperava os campos «messages», «prompt»/«completion», «text», "
                       "«instruction»/«output», «question»/«answer» ou «pergunta»/«resposta» (a linha "
                       "tem: {keys}).",
                       "Unknown format: expected the fields “messages”, “prompt”/“completion”, “text”, "
                       "“instruction”/“output”, “question”/“answer” or “pergunta”/“resposta” (the line "
                       "has: {keys})."),
    "not_an_object": ("A linha não é um objeto JSON {{...}}: é {kind}.",
                      "The line is not a JSON object {{...}}: it is {kind}."),
    "json_kind_array": ("uma lista [...]", "a list [...]"),
    "json_kind_string": ("um texto solto entre aspas", "a bare text in quotes"),
    "json_kind_boolean": ("só true ou false", "just true or false"),
    "json_kind_null": ("só null", "just null"),
    "json_kind_number": ("só um número", "just a number"),
    "bad_message": ("A mensagem n.º {index} não tem «role» e «content» com texto.",
                    "Message no. {index} lacks a text “role” and “content”."),
    "unknown_role": ("Papel desconhecido «{role}» na mensagem n.º {index} (use system, user ou assistant).",
                     "Unknown role “{role}” in message no. {index} (use system, user or assistant)."),
    "wrong_role_order": ("Ordem das mensagens errada ({roles}): depois de um system opcional, "
                         "alternam user e assistant, a começar em user e a acabar em assistant.",
                         "Wrong message order ({roles}): after an optional system, user and assistant "
                         "alternate, starting with user and ending with assistant."),
    "empty_question": ("A pergunta está vazia.", "The question is empty."),
    "empty_answer": ("A resposta está vazia.", "The answer is empty."),
    "too_long": ("Demasiado longo para o modelo: {tokens} tokens, o máximo é {max_tokens}.",
                 "Too long for the model: {tokens} tokens, the maximum is {max_tokens}."),
    "empty_biography": ("A biografia não tem texto além do título.",
                        "The biography has no text besides its title."),
    "too_deep": ("Demasiados níveis de listas [...] ou objetos {{...}} uns dentro dos outros: a linha não "
                 "pode ser lida como exemplo.",
                 "Too many levels of lists [...] or objects {{...}} nested in each other: the line cannot "
                 "be read as an example."),
    "not_a_file": ("{path} não é um ficheiro normal (é uma pasta, um dispositivo ou um pipe) e não foi lido.",
                   "{path} is not a regular file (it is a folder, a device or a pipe) and was not read."),
    "file_too_big": ("Ficheiro demasiado grande ({size}; o máximo é {limit}) e não foi lido: confirme que é "
                     "o ficheiro certo ou divida-o em ficheiros mais pequenos.",
                     "File too big ({size}; the maximum is {limit}), not read: check it is the right file "
                     "or split it into smaller files."),
    "outside_folder": ("É uma ligação para fora da pasta ({target}) e não foi lida: só se leem os ficheiros "
                       "que estão dentro da pasta das biografias.",
                       "It is a link out of the folder ({target}) and was not read: only files inside the "
                       "biographies folder are read."),
    "read_error": ("Não foi possível ler {path}: {detail}", "Could not read {path}: {detail}"),
    "no_examples": ("Não há exemplos válidos para preparar.", "There are no valid examples to prepare."),
    # Warnings: nothing wrong with the line itself, but the person should know.
    "duplicate": ("Exemplo repetido (igual a {first}, sem contar maiúsculas nem espaços); fica só o primeiro.",
                  "Repeated example (same as {first}, ignoring case and spaces); only the first is kept."),
    "lone_surrogate": ("Um carácter está incompleto na coluna {column} (um «\\u» com metade de um emoji, por "
                       "exemplo); foi trocado por «\ufffd» e o resto do exemplo ficou.",
                       "A character is incomplete at column {column} (a “\\u” with half of an emoji, for "
                       "example); it was replaced by “\ufffd” and the rest of the example was kept."),
    "bad_file_name": ("O nome do ficheiro não está em UTF-8 (mostrado com «\ufffd»); foi lido na mesma, mas "
                      "convém dar-lhe outro nome.",
                      "The file name is not in UTF-8 (shown with “\ufffd”); it was read anyway, but it is "
                      "better to rename it."),
    "skipped_file": ("Ficheiro ignorado: só se leem biografias .txt, .md e .json.",
                     "File skipped: only .txt, .md and .json biographies are read."),
    "empty_file": ("O ficheiro não tem nenhum exemplo.", "The file has no examples."),
    "too_few_examples": ("Só há {count|exemplo|exemplos}: não chega para separar perguntas de verificação.",
                         "Only {count|example|examples}: not enough to set some aside for checking."),
    "prepare_disk_full": ("O disco está cheio: não foi possível escrever os dados preparados em {out}. Nenhum "
                          "ficheiro ficou a meio; liberte espaço e prepare de novo.",
                          "The disk is full: the prepared data could not be written to {out}. No file was "
                          "left half-written; free some space and prepare again."),
    "prepare_write_error": ("Não foi possível escrever os dados preparados em {out}: {detail}. Nenhum ficheiro "
                            "ficou a meio.",
                            "Could not write the prepared data to {out}: {detail}. No file was left "
                            "half-written."),
    # Summaries (CLI and GUI status line).
    "check_summary": ("{examples} exemplos bons, {errors} erros, {warnings} avisos.",
                      "{examples} good examples, {errors} errors, {warnings} warnings."),
    "prepare_summary": ("Preparado em {out}: {train} exemplos de treino, {valid} de verificação, "
                        "{duplicates} repetidos removidos, {errors} linhas com erros deixadas de fora.",
                        "Prepared in {out}: {train} training examples, {valid} for checking, "
                        "{duplicates} repeats removed, {errors} lines with errors left out."),
}
