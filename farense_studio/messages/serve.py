"""Message texts of the inference program and the local server for the club's bot."""

from farense_studio.program.inference_program import MESSAGES as _INFERENCE_PROGRAM

MESSAGES = {
    # The inference program carries its own texts (it runs without the app); one source.
    **_INFERENCE_PROGRAM,
    # --- the local server: request errors (JSON bodies) -----------------------------------
    "serve_not_found": ("Caminho desconhecido: {path}. Use POST /v1/chat/completions ou GET /v1/models.",
                        "Unknown path: {path}. Use POST /v1/chat/completions or GET /v1/models."),
    "serve_length_required": ("O pedido tem de indicar Content-Length.", "The request must send Content-Length."),
    "serve_bad_length": ("Content-Length inválido.", "Invalid Content-Length."),
    "serve_too_large": ("O pedido é demasiado grande (máximo {limit} bytes).",
                        "The request is too large (at most {limit} bytes)."),
    "serve_bad_json": ("O corpo do pedido não é um objeto JSON válido.", "The request body is not a valid JSON object."),
    "serve_no_messages": ("O pedido tem de trazer «messages»: uma lista de mensagens {{role, content}}.",
                          "The request must bring “messages”: a list of {{role, content}} messages."),
    "serve_bad_message": ("A mensagem n.º {index} é inválida: role tem de ser system, user ou assistant e "
                          "content um texto.",
                          "Message {index} is invalid: role must be system, user or assistant and content a text."),
    "serve_empty_prompt": ("A conversa não tem nenhuma pergunta (mensagem user com texto).",
                           "The conversation has no question (a user message with text)."),
    "serve_no_prompt": ("O pedido tem de trazer «prompt» com texto.", "The request must bring a “prompt” text."),
    "serve_bad_param": ("Valor inválido para «{name}» (permitido: {allowed}).",
                        "Invalid value for “{name}” (allowed: {allowed})."),
    "serve_busy": ("O servidor tem demasiados pedidos em espera; tente daqui a pouco.",
                   "Too many requests are waiting; try again shortly."),
    "serve_model_unknown": ("Modelo desconhecido: {model}.", "Unknown model: {model}."),
    "serve_host_refused": ("Pedido recusado: o endereço «{host}» não é este computador (use 127.0.0.1 ou localhost).",
                           "Request refused: “{host}” is not this computer (use 127.0.0.1 or localhost)."),
    "serve_origin_refused": ("Pedido recusado: a página «{origin}» não está autorizada. Autorize o site do clube "
                             "com --allow-origin.",
                             "Request refused: the page “{origin}” is not allowed. Allow the club's site with "
                             "--allow-origin."),
    "serve_token_required": ("Pedido recusado: falta a chave do servidor (cabeçalho Authorization: Bearer …) ou "
                             "está errada.",
                             "Request refused: the server's token (header Authorization: Bearer …) is missing or "
                             "wrong."),
    "serve_bad_content_type": ("O pedido tem de ser JSON (cabeçalho Content-Type: application/json).",
                               "The request must be JSON (header Content-Type: application/json)."),
    "serve_request_failed": ("O modelo não conseguiu tratar este pedido (o motivo está no registo do servidor).",
                             "The model could not handle this request (the reason is in the server's log)."),
    # --- starting ---------------------------------------------------------------------------
    "serve_model_failed": ("Não foi possível carregar o modelo: {detail}", "Could not load the model: {detail}"),
    "serve_documents_failed": ("Não foi possível abrir os documentos do clube: {detail} (ou use --no-documents)",
                               "Could not open the club's documents: {detail} (or use --no-documents)"),
    "serve_port_in_use": ("A porta {port} já está ocupada ({detail}). Feche o outro servidor ou use --port.",
                          "Port {port} is already in use ({detail}). Close the other server or use --port."),
    "serve_bad_host": ("Endereço inválido para o servidor: {host} (indique um endereço IPv4, por exemplo "
                       "127.0.0.1).", "Invalid address for the server: {host} (give an IPv4 address, e.g. 127.0.0.1)."),
    "serve_lan_needs_token": ("Para escutar em {host} (outros computadores da rede) o servidor precisa de uma chave: "
                              "defina {env} ou use --token.",
                              "To listen on {host} (other computers of the network) the server needs a token: "
                              "set {env} or pass --token."),
    "serve_loading": ("A carregar o modelo {model}…", "Loading the model {model}…"),
    "serve_ready": ("Servidor pronto em {url} (modelo «{name}»). Ctrl+C para parar.",
                    "Server ready at {url} (model “{name}”). Ctrl+C to stop."),
    "serve_stopped": ("Servidor parado.", "Server stopped."),
}
